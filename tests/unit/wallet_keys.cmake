# BIP-39 mnemonics, BIP-32 keys (with Base58Check) and Cosmos accounts, against the public vectors.
allora_add_test(test_bip39 SOURCES test_bip39.cpp LIBS allora_wallet allora_core Qt6::Core LABELS unit)
allora_add_test(test_bip32 SOURCES test_bip32.cpp LIBS allora_wallet allora_core Qt6::Core LABELS unit)
allora_add_test(test_account SOURCES test_account.cpp LIBS allora_wallet allora_core Qt6::Core LABELS unit)
