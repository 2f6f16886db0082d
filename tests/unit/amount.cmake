allora_add_test(test_amount SOURCES test_amount.cpp LIBS allora_core LABELS unit)
