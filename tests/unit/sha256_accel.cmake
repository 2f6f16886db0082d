# sha256() on the CPU's SHA extensions against libsodium's SHA-256, every length 0..1100 and
# unaligned inputs (core/hash.cpp). A second or two.
allora_add_test(test_sha256_accel SOURCES test_sha256_accel.cpp LIBS allora_core Qt6::Core
                LABELS unit)
