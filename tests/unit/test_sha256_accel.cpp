// sha256() on the CPU's SHA extensions (core/hash.cpp) against libsodium's SHA-256 (the
// incremental allora::Sha256, which always runs libsodium's portable code): the same digest for
// every length from 0 to 1100 bytes (every tail length and both padding layouts: the length
// fitting in the last block or spilling into one more), for several contents, and for inputs that
// do not start on an aligned address. On a CPU without the extensions both sides are libsodium
// and the test still checks that the one-shot and incremental forms agree. The FIPS 180 examples
// are in test_hash.
#include <QtTest/QtTest>

#include <cstdint>
#include <vector>

#include "core/bytes.h"
#include "core/hash.h"

using allora::Bytes;
using allora::ByteSpan;

namespace {

allora::Hash256 reference(ByteSpan data) {
    allora::Sha256 h;
    h.update(data);
    return h.finish();
}

// Deterministic bytes (xorshift), different per seed.
Bytes pseudoRandom(size_t n, uint64_t seed) {
    Bytes out(n);
    uint64_t x = seed * 0x9E3779B97F4A7C15ull + 1;
    for (auto& b : out) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        b = static_cast<uint8_t>(x >> 24);
    }
    return out;
}

}  // namespace

class TestSha256Accel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void reportsImplementation() {
        qInfo("sha256() uses %s",
              allora::sha256UsesShaExtensions() ? "the CPU's SHA extensions" : "libsodium");
    }

    void everyLengthMatchesLibsodium() {
        for (uint64_t seed = 0; seed < 3; ++seed) {
            for (size_t n = 0; n <= 1100; ++n) {
                const Bytes data = seed == 0 ? Bytes(n, 0xff) : pseudoRandom(n, seed);
                const auto got = allora::sha256(data);
                const auto want = reference(data);
                if (got != want)
                    QFAIL(qPrintable(QStringLiteral("length %1, seed %2").arg(n).arg(seed)));
            }
        }
    }

    void unalignedInputMatches() {
        const Bytes buffer = pseudoRandom(4096 + 64, 7);
        for (size_t offset = 1; offset < 16; ++offset)
            for (size_t n : {size_t{55}, size_t{56}, size_t{64}, size_t{300}, size_t{4096}}) {
                const ByteSpan data(buffer.data() + offset, n);
                QCOMPARE(allora::sha256(data), reference(data));
            }
    }

    void largeInputMatches() {
        const Bytes big = pseudoRandom(1 << 20, 11);  // many full blocks in one call
        QCOMPARE(allora::sha256(big), reference(big));
    }

    void changesWithEveryBit() {
        // A one-bit change anywhere changes the digest (a broken schedule or round would leave
        // parts of the input without effect).
        Bytes data = pseudoRandom(200, 3);
        const auto base = allora::sha256(data);
        for (size_t i = 0; i < data.size() * 8; i += 13) {
            data[i / 8] ^= static_cast<uint8_t>(1u << (i % 8));
            QVERIFY(allora::sha256(data) != base);
            QCOMPARE(allora::sha256(data), reference(data));
            data[i / 8] ^= static_cast<uint8_t>(1u << (i % 8));
        }
    }
};

QTEST_APPLESS_MAIN(TestSha256Accel)
#include "test_sha256_accel.moc"
