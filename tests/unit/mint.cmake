# Tokenomics of the mint module and merit sortition of the emissions module (PROTOCOL.md §7),
# against allora-chain's simulator vectors.
allora_add_test(test_tokenomics SOURCES test_tokenomics.cpp
                LIBS allora_node allora_core Boost::json LABELS unit)
allora_add_test(test_sortition SOURCES test_sortition.cpp
                LIBS allora_node allora_core Boost::json LABELS unit)
