allora_add_test(test_tx_builder SOURCES test_tx_builder.cpp
                LIBS allora_wallet allora_core Qt6::Core LABELS unit)
