# Unit tests of core's crypto primitives and encodings, proven against published vectors
# (tests/vectors and the RFC/FIPS/BIP texts cited in each file).
allora_add_test(test_bech32 SOURCES test_bech32.cpp LIBS allora_core Qt6::Core LABELS unit)
allora_add_test(test_hash SOURCES test_hash.cpp LIBS allora_core Qt6::Core LABELS unit)
allora_add_test(test_secp256k1 SOURCES test_secp256k1.cpp LIBS allora_core Qt6::Core LABELS unit)
allora_add_test(test_ed25519 SOURCES test_ed25519.cpp LIBS allora_core Qt6::Core LABELS unit)
allora_add_test(test_encoding SOURCES test_encoding.cpp LIBS allora_core Qt6::Core LABELS unit)
allora_add_test(test_secure_bytes SOURCES test_secure_bytes.cpp LIBS allora_core Qt6::Core
                LABELS unit)
