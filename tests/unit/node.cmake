# The node's own files: the validator key file (node/validator_key.h).
allora_add_test(test_validator_key SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_validator_key.cpp
                LIBS allora_node allora_core Qt6::Core LABELS unit)
