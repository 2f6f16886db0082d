# The node's HTTP API layer (node/rpc): routing, limits, auth and the CLI's client. The server
# tests use real sockets on 127.0.0.1 with ephemeral ports; nothing leaves the loopback interface.
allora_add_test(test_http_router SOURCES test_http_router.cpp
                LIBS allora_node allora_core Boost::json Qt6::Core LABELS unit)
allora_add_test(test_http_server SOURCES test_http_server.cpp
                LIBS allora_node allora_core Boost::json Qt6::Core LABELS unit)
