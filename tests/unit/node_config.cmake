allora_add_test(test_node_config SOURCES test_node_config.cpp LIBS allora_node allora_core Qt6::Core LABELS unit)
