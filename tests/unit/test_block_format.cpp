// Block format: CometBFT's CanonicalVote sign bytes (byte for byte against the cometbft vector),
// the RFC 6962 Merkle root CometBFT uses for data_hash, addresses, header hashing, commit
// signatures and the block checks.
#include <QtTest>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "core/encoding.h"
#include "node/consensus/block_format.h"
#include "node/consensus/canonical_vote.h"

using namespace allora;
using namespace allora::node::consensus;

namespace {

std::string hexOf(ByteSpan b) {
    return toHex(b);
}

ed25519::KeyPair keyFromByte(uint8_t b) {
    Bytes seed(32, b);
    return ed25519::fromSeed(seed).value();
}

// A two-block chain signed by `key`: block 1 (no commit) and block 2 carrying block 1's commit.
struct TwoBlocks {
    pb::Block b1, b2;
    Hash256 h1{};
};

pb::Commit sign(const ed25519::KeyPair& key, std::string_view chainId, uint64_t height,
                const Hash256& blockHash, int64_t time) {
    pb::Commit c;
    c.set_height(height);
    c.set_block_hash(toField(blockHash));
    auto* sig = c.add_signatures();
    sig->set_validator_address(toField(consensusAddress(key.publicKey)));
    sig->set_timestamp_unix_nanos(time);
    sig->set_signature(
        toField(ed25519::sign(key.secretKey, commitSignBytes(chainId, c, *sig)).value()));
    return c;
}

}  // namespace

class TestBlockFormat : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void canonicalVoteMatchesCometbftVectors() {
        QFile f(QStringLiteral(ALLORA_TEST_VECTORS_DIR "/standards/cometbft_vote_sign_bytes.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonArray vectors =
            QJsonDocument::fromJson(f.readAll()).object()["vectors"].toArray();
        QCOMPARE(vectors.size(), 6);
        for (const auto& v : vectors) {
            const QJsonObject o = v.toObject();
            const QString desc = o["vote"].toString();
            VoteToSign vote;
            // The Go test's votes: the zero vote, or Height 1 / Round 1 with an optional type;
            // no block id (nil), zero time.
            if (!desc.isEmpty()) {
                vote.height = 1;
                vote.round = 1;
            }
            if (desc.contains("PrecommitType")) vote.type = VoteType::Precommit;
            if (desc.contains("PrevoteType")) vote.type = VoteType::Prevote;
            vote.timestampSeconds = kGoZeroTimeSeconds;
            vote.chainId = o["chain_id"].toString().toStdString();
            QCOMPARE(QString::fromStdString(hexOf(voteSignBytes(vote))),
                     o["sign_bytes_hex"].toString());
        }
    }

    void canonicalVoteWithBlockIdAndTime() {
        // Fields the vector leaves out, checked against the protobuf wire format by hand.
        VoteToSign vote;
        vote.type = VoteType::Precommit;
        vote.height = 2;
        vote.round = 0;
        vote.blockId = CanonicalBlockId{Bytes(32, 0xab), 0, {}};
        splitUnixNanos(1'700'000'000'123'000'000, vote.timestampSeconds, vote.timestampNanos);
        QCOMPARE(vote.timestampSeconds, int64_t(1'700'000'000));
        QCOMPARE(vote.timestampNanos, int32_t(123'000'000));
        vote.chainId = "x";
        const Bytes b = voteSignBytes(vote);
        // 08 02 | 11 <2 LE> | 22 24 (0a 20 <32 x ab> 12 00) | 2a .. | 32 01 78
        std::string abs;
        for (int i = 0; i < 32; ++i) abs += "ab";
        const std::string expected =
            "0802"
            "11"
            "0200000000000000"
            "2224"
            "0a20" +
            abs + "1200";
        const std::string got = hexOf(b);
        QCOMPARE(got.substr(2, expected.size()), expected);  // after the length prefix
        QCOMPARE(size_t(b[0]), b.size() - 1);
        QVERIFY(got.ends_with("320178"));
        // Negative times round down: -1 ns is second -1, nanos 999999999.
        int64_t s = 0;
        int32_t n = 0;
        splitUnixNanos(-1, s, n);
        QCOMPARE(s, int64_t(-1));
        QCOMPARE(n, int32_t(999'999'999));
    }

    void merkleRootIsRfc6962AsCometbft() {
        // Empty: SHA-256 of nothing.
        QCOMPARE(QString::fromStdString(hexOf(merkleRoot({}))),
                 QString("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
        // One leaf: SHA-256(0x00 || item).
        const std::vector<Bytes> one = {toBytes("a")};
        Bytes leaf = {0x00, 'a'};
        QCOMPARE(merkleRoot(one), sha256(leaf));
        // Three leaves split 2 + 1: H(1 || H(1 || L(a) || L(b)) || L(c)).
        const std::vector<Bytes> three = {toBytes("a"), toBytes("b"), toBytes("c")};
        auto L = [](std::string_view s) {
            Bytes b = {0x00};
            b.insert(b.end(), s.begin(), s.end());
            return sha256(b);
        };
        auto I = [](const Hash256& l, const Hash256& r) {
            Bytes b = {0x01};
            b.insert(b.end(), l.begin(), l.end());
            b.insert(b.end(), r.begin(), r.end());
            return sha256(b);
        };
        QCOMPARE(merkleRoot(three), I(I(L("a"), L("b")), L("c")));
        // Five: split at 4.
        const std::vector<Bytes> five = {toBytes("a"), toBytes("b"), toBytes("c"), toBytes("d"),
                                         toBytes("e")};
        QCOMPARE(merkleRoot(five), I(I(I(L("a"), L("b")), I(L("c"), L("d"))), L("e")));
        // data_hash hashes each tx first.
        const Hash256 ha = sha256(toBytes("a"));
        QCOMPARE(dataHash(one), merkleRoot(std::vector<Bytes>{Bytes(ha.begin(), ha.end())}));
    }

    void addressAndValidatorsHash() {
        const auto key = keyFromByte(7);
        const Bytes addr = consensusAddress(key.publicKey);
        QCOMPARE(addr.size(), kConsensusAddressSize);
        const Hash256 full = sha256(key.publicKey);
        QVERIFY(std::equal(addr.begin(), addr.end(), full.begin()));
        // SimpleValidator bytes: 0a 22 (0a 20 <pubkey>) 10 <power>.
        const Validator v{key.publicKey, 10};
        Bytes item = {0x0a, 0x22, 0x0a, 0x20};
        item.insert(item.end(), key.publicKey.begin(), key.publicKey.end());
        item.push_back(0x10);
        item.push_back(10);
        QCOMPARE(validatorsHash(std::span<const Validator>(&v, 1)),
                 merkleRoot(std::vector<Bytes>{item}));
    }

    void headerHashCoversEveryField() {
        pb::Header h;
        h.set_chain_id("c");
        h.set_height(5);
        h.set_time_unix_nanos(123);
        const Hash256 base = headerHash(h);
        QCOMPARE(base, sha256(encodeMessage(h)));
        auto changed = [&](auto mutate) {
            pb::Header c = h;
            mutate(c);
            return headerHash(c) != base;
        };
        QVERIFY(changed([](pb::Header& c) { c.set_chain_id("d"); }));
        QVERIFY(changed([](pb::Header& c) { c.set_height(6); }));
        QVERIFY(changed([](pb::Header& c) { c.set_time_unix_nanos(124); }));
        QVERIFY(changed([](pb::Header& c) { c.set_last_block_hash("x"); }));
        QVERIFY(changed([](pb::Header& c) { c.set_last_commit_hash("x"); }));
        QVERIFY(changed([](pb::Header& c) { c.set_data_hash("x"); }));
        QVERIFY(changed([](pb::Header& c) { c.set_validators_hash("x"); }));
        QVERIFY(changed([](pb::Header& c) { c.set_app_hash("x"); }));
        QVERIFY(changed([](pb::Header& c) { c.set_proposer_address("x"); }));
    }

    void commitSignaturesVerify() {
        const auto key = keyFromByte(1);
        const auto other = keyFromByte(2);
        const std::vector<Validator> set = {{key.publicKey, 1}};
        Hash256 blockHash{};
        blockHash.fill(0x11);
        pb::Commit c = sign(key, "chain", 3, blockHash, 1000);
        QVERIFY(verifyCommit("chain", c, set).ok());
        QVERIFY(!verifyCommit("other-chain", c, set).ok());  // the chain id is signed
        pb::Commit tampered = c;
        tampered.set_height(4);
        QVERIFY(!verifyCommit("chain", tampered, set).ok());
        tampered = c;
        tampered.mutable_signatures(0)->set_timestamp_unix_nanos(1001);
        QVERIFY(!verifyCommit("chain", tampered, set).ok());
        // Signed by a stranger, or not signed by enough power.
        QVERIFY(!verifyCommit("chain", sign(other, "chain", 3, blockHash, 1000), set).ok());
        const std::vector<Validator> two = {{key.publicKey, 1}, {other.publicKey, 1}};
        QVERIFY(!verifyCommit("chain", c, two).ok());
        // Duplicate signer.
        pb::Commit dup = c;
        *dup.add_signatures() = c.signatures(0);
        QVERIFY(!verifyCommit("chain", dup, set).ok());
    }

    void blockChecks() {
        const auto key = keyFromByte(3);
        pb::Block b1;
        auto* h1 = b1.mutable_header();
        h1->set_chain_id("c");
        h1->set_height(1);
        b1.add_txs("tx-a");
        b1.add_txs("tx-b");
        const std::vector<Bytes> txs = {toBytes("tx-a"), toBytes("tx-b")};
        h1->set_data_hash(toField(dataHash(txs)));
        auto decoded = decodeBlock(encodeMessage(b1));
        QVERIFY2(decoded.ok(), decoded.ok() ? "" : decoded.message().c_str());
        QCOMPARE(headerHash(decoded->header()), headerHash(b1.header()));

        pb::Block wrongData = b1;
        wrongData.add_txs("extra");
        QVERIFY(!decodeBlock(encodeMessage(wrongData)).ok());
        QVERIFY(!decodeBlock(toBytes("\xff\xff\xff")).ok());

        const Hash256 hash1 = headerHash(b1.header());
        pb::Block b2;
        auto* h2 = b2.mutable_header();
        h2->set_chain_id("c");
        h2->set_height(2);
        h2->set_data_hash(toField(dataHash({})));
        h2->set_last_block_hash(toField(hash1));
        *b2.mutable_last_commit() = sign(key, "c", 1, hash1, 5);
        h2->set_last_commit_hash(toField(commitHash(b2.last_commit())));
        QVERIFY(checkBlockHashes(b2).ok());
        pb::Block badLink = b2;
        badLink.mutable_header()->set_last_block_hash(std::string(32, '\0'));
        QVERIFY(!checkBlockHashes(badLink).ok());
        pb::Block noCommit = b2;
        noCommit.clear_last_commit();
        QVERIFY(!checkBlockHashes(noCommit).ok());
    }
};

QTEST_GUILESS_MAIN(TestBlockFormat)
#include "test_block_format.moc"
