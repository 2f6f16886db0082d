# The point-lookup index of a block-sized state overlay and StateReader::getInto, against a model,
# on a real SQLite state store (node/state).
allora_add_test(test_state_overlay_index SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_state_overlay_index.cpp
                LIBS allora_node allora_core Qt6::Core LABELS unit)
