# The encrypted keystore, the keyring (both backends) and `allora-cli keys`.
allora_add_test(test_keystore SOURCES test_keystore.cpp
                LIBS allora_wallet allora_core Qt6::Core Boost::json LABELS unit)
allora_add_test(test_keyring SOURCES test_keyring.cpp
                LIBS allora_wallet allora_core Qt6::Core LABELS unit)
# Runs the real allora-cli binary (QProcess) with secrets on stdin.
allora_add_test(test_cli_keys SOURCES test_cli_keys.cpp
                LIBS allora_core Qt6::Core LABELS integration)
add_dependencies(test_cli_keys allora-cli)
