# The signer's public key in the ante checks (from the signer info or the account; missing, of
# another type, invalid, or another signer's), through the application on a real SQLite file.
allora_add_test(test_ante_signer_keys SOURCES ${CMAKE_CURRENT_LIST_DIR}/test_ante_signer_keys.cpp
                LIBS allora_node allora_wallet allora_core Qt6::Core LABELS unit)
