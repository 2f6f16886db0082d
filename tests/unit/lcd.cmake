# The HTTP API's LCD routes (node/api) over a real node (ChainApp on SQLite, mempool, solo engine;
# lcd_test_node.h), driven through Router::dispatch without sockets.
allora_add_test(test_lcd_routes SOURCES test_lcd_routes.cpp lcd_test_node.h
                LIBS allora_node allora_wallet allora_core Boost::json Qt6::Core LABELS unit)
# allora-cli's tx, q and status commands: the real binary (QProcess) against the LCD routes served
# by an in-process HttpServer over the same test node; and the wallet's tx documents.
allora_add_test(test_cli_tx SOURCES test_cli_tx.cpp lcd_test_node.h
                LIBS allora_node allora_wallet allora_core Boost::json Qt6::Core LABELS integration)
add_dependencies(test_cli_tx allora-cli)
# The emissions routes (/emissions/v9/…) over a real node with the emissions module.
allora_add_test(test_lcd_emissions_routes SOURCES test_lcd_emissions_routes.cpp lcd_test_node.h
                LIBS allora_node allora_wallet allora_core Boost::json Qt6::Core LABELS unit)
