# The node's storage foundation: the SQLite wrapper (core), the state Merkle tree and the state
# store with its overlays (node/state). All run on real SQLite files in a temporary directory.
allora_add_test(test_sqlite SOURCES test_sqlite.cpp LIBS allora_core Qt6::Core LABELS unit)
allora_add_test(test_merkle_tree SOURCES test_merkle_tree.cpp
                LIBS allora_node allora_core Qt6::Core LABELS unit)
allora_add_test(test_state_store SOURCES test_state_store.cpp
                LIBS allora_node allora_core Qt6::Core LABELS unit)
