// The application end to end (node/chain/chain_app.h): transfers with fees and events, several
// txs of one account per block, checkTx and recheck, proposals, the block store and queries,
// determinism across two fresh nodes, restart, and a crash in the middle of a commit.
#include "test_chain_fixture.h"

#include <sys/wait.h>
#include <unistd.h>

#include "allora/bank/v1/bank.pb.h"
#include "allora/chain/v1/chain.pb.h"
#include "node/chain/chain_query.h"
#include "node/modules/proto_util.h"

using namespace chaintest;

namespace {

bool hasEvent(const TxResult& r, const std::string& type, const std::string& key,
              const std::string& value) {
    for (const auto& e : r.events)
        if (e.type == type)
            for (const auto& a : e.attributes)
                if (a.key == key && a.value == value) return true;
    return false;
}

// Three blocks of transfers between the keys, the same on every call.
std::vector<std::vector<Bytes>> scriptedBlocks() {
    const Keys& k = keys();
    std::vector<std::vector<Bytes>> blocks(3);
    for (uint64_t s = 0; s < 3; ++s)
        blocks[0].push_back(
            signedSend(k.alice, {.to = k.bob.address(), .amount = "7", .sequence = s}));
    blocks[1].push_back(
        signedSend(k.bob, {.to = k.eve.address(), .amount = "11", .accountNumber = 1}));
    blocks[1].push_back(
        signedSend(k.alice, {.to = k.carol.address(), .amount = "13", .sequence = 3}));
    blocks[2].push_back(
        signedSend(k.eve, {.to = k.alice.address(), .amount = "1"}));  // fails: no fee money
    blocks[2].push_back(
        signedSend(k.alice, {.to = k.dave.address(), .amount = "5", .sequence = 4}));
    return blocks;
}

}  // namespace

class TestChainApp : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    const Keys& k = keys();
    int n_ = 0;
    std::string freshPath() { return dir_.filePath(QString("n%1.db").arg(++n_)).toStdString(); }

private Q_SLOTS:
    void msgSendMovesFunds() {
        Node node(freshPath());
        node.init();
        const Amount supply = node.supply(), alice = node.balance(k.alice),
                     bob = node.balance(k.bob);
        FinalizeBlockResponse r =
            node.block({signedSend(k.alice, {.to = k.bob.address(), .amount = "1000"})});
        QCOMPARE(r.txResults.size(), size_t{1});
        const TxResult& tx = r.txResults[0];
        QVERIFY2(tx.ok(), tx.log.c_str());
        QCOMPARE(tx.gasWanted, kGas);
        QVERIFY(tx.gasUsed > 0 && tx.gasUsed <= kGas);
        QCOMPARE(node.balance(k.bob), *bob.add(Amount::fromUallo(1000)));
        QCOMPARE(node.balance(k.alice), *alice.sub(Amount::fromUallo(1000 + kFee)));
        QCOMPARE(node.feeCollector(), Amount::fromUallo(kFee));  // fees are kept, not burned
        QCOMPARE(node.supply(), supply);
        QCOMPARE(node.sequence(k.alice), uint64_t{1});
        QVERIFY(hasEvent(tx, "transfer", "recipient", k.bob.address()));
        QVERIFY(hasEvent(tx, "transfer", "amount", "1000uallo"));
        QVERIFY(hasEvent(tx, "coin_spent", "spender", k.alice.address()));
        QVERIFY(hasEvent(tx, "coin_received", "receiver", k.bob.address()));
        QVERIFY(hasEvent(tx, "message", "action", "/cosmos.bank.v1beta1.MsgSend"));
        QVERIFY(hasEvent(tx, "tx", "fee", std::to_string(kFee) + "uallo"));
        QVERIFY(hasEvent(tx, "tx", "acc_seq", k.alice.address() + "/0"));
        // The first tx set Alice's public key; the next one works without repeating it in state.
        QCOMPARE(node.height(), uint64_t{1});
        QVERIFY(
            node.block({signedSend(k.alice, {.to = k.eve.address(), .amount = "1", .sequence = 1})})
                .txResults[0]
                .ok());
        // A transfer to a new address creates its account with the next number.
        QCOMPARE(node.balance(k.eve), Amount::fromUallo(1));
        QCOMPARE(node.accountNumber(k.eve),
                 uint64_t{5});  // after 4 genesis accounts + fee collector
    }

    void severalTxsOfOneAccountInOneBlock() {
        Node node(freshPath());
        node.init();
        std::vector<Bytes> txs;
        for (uint64_t s = 0; s < 5; ++s) {
            txs.push_back(
                signedSend(k.alice, {.to = k.bob.address(), .amount = "1", .sequence = s}));
            CheckTxResult c = node.app->checkTx(txs.back(), CheckTxMode::New);
            QVERIFY2(c.result.ok(), c.result.log.c_str());
            QCOMPARE(c.sequence, s);
            QCOMPARE(c.sender, k.alice.address());
            QCOMPARE(c.priority, uint64_t{10});
        }
        // The same sequence twice in check state is a replay.
        QCOMPARE(node.app->checkTx(txs[0], CheckTxMode::New).result.code,
                 static_cast<uint32_t>(TxCode::InvalidSequence));
        QCOMPARE(node.app->prepareProposal(txs, 1 << 20).size(), txs.size());
        FinalizeBlockRequest probe;
        probe.txs = txs;
        QVERIFY(node.app->processProposal(probe));
        FinalizeBlockResponse r = node.block(txs);
        for (const auto& t : r.txResults) QVERIFY2(t.ok(), t.log.c_str());
        QCOMPARE(node.sequence(k.alice), uint64_t{5});
    }

    void checkTxThenRecheckAfterBlock() {
        Node node(freshPath());
        node.init();
        const Bytes tx0 = signedSend(k.alice, {.to = k.bob.address(), .sequence = 0});
        const Bytes tx1 = signedSend(k.alice, {.to = k.bob.address(), .sequence = 1});
        QVERIFY(node.app->checkTx(tx0, CheckTxMode::New).result.ok());
        QVERIFY(node.app->checkTx(tx1, CheckTxMode::New).result.ok());
        QCOMPARE(node.sequence(k.alice), uint64_t{0});  // check state is not committed state
        node.block({tx0});
        // After the block, the mempool rechecks what is left: tx1 still fits, tx0 is now stale.
        QVERIFY(node.app->checkTx(tx1, CheckTxMode::Recheck).result.ok());
        QCOMPARE(node.app->checkTx(tx0, CheckTxMode::Recheck).result.code,
                 static_cast<uint32_t>(TxCode::InvalidSequence));
        // prepareProposal drops txs that would fail and those past maxBytes.
        const Bytes bad = signedSend(k.alice, {.to = k.bob.address(), .sequence = 9});
        auto picked = node.app->prepareProposal(std::vector<Bytes>{bad, tx1}, 1 << 20);
        QCOMPARE(picked.size(), size_t{1});
        QVERIFY(picked[0] == tx1);
        QVERIFY(node.app->prepareProposal(std::vector<Bytes>{tx1}, 10).empty());
        FinalizeBlockRequest garbage;
        garbage.txs = {toBytes("not a tx")};
        QVERIFY(!node.app->processProposal(garbage));
    }

    // prepareProposal trusts checkTx's verdicts only for the exact order checkTx saw them in
    // (chain_app.cpp): any other order, or a tx left out by a limit, is checked again, so a
    // proposal never holds a tx whose sequence no longer fits.
    void proposalOutsideTheCheckOrderIsCheckedAgain() {
        Node node(freshPath());
        node.init();
        const Bytes tx0 = signedSend(k.alice, {.to = k.bob.address(), .sequence = 0});
        const Bytes tx1 = signedSend(
            k.alice, {.to = k.bob.address(), .sequence = 1, .memo = std::string(60, 'm')});
        const Bytes tx2 = signedSend(k.alice, {.to = k.bob.address(), .sequence = 2});
        for (const Bytes* tx : {&tx0, &tx1, &tx2})
            QVERIFY(node.app->checkTx(*tx, CheckTxMode::New).result.ok());
        QVERIFY(tx1.size() > tx2.size());
        // The check order: all three.
        QCOMPARE(node.app->prepareProposal(std::vector<Bytes>{tx0, tx1, tx2}, 1 << 20).size(),
                 size_t{3});
        // Another order: tx1 and tx2 come before their sequence and stay out.
        auto picked = node.app->prepareProposal(std::vector<Bytes>{tx1, tx0, tx2}, 1 << 20);
        QCOMPARE(picked.size(), size_t{1});
        QVERIFY(picked[0] == tx0);
        // tx1 does not fit the bytes left; tx2 would fit but its sequence then comes too early.
        picked =
            node.app->prepareProposal(std::vector<Bytes>{tx0, tx1, tx2}, tx0.size() + tx2.size());
        QCOMPARE(picked.size(), size_t{1});
        QVERIFY(picked[0] == tx0);
        // After a block the check order starts again: the committed tx0 is stale, and a proposal
        // of the three drops it (and, with it, nothing else: tx1 and tx2 follow on).
        node.block({tx0});
        QVERIFY(node.app->checkTx(tx1, CheckTxMode::Recheck).result.ok());
        QVERIFY(node.app->checkTx(tx2, CheckTxMode::Recheck).result.ok());
        picked = node.app->prepareProposal(std::vector<Bytes>{tx0, tx1, tx2}, 1 << 20);
        QCOMPARE(picked.size(), size_t{2});
        QVERIFY(picked[0] == tx1 && picked[1] == tx2);
    }

    void blockStoreAndQueries() {
        Node node(freshPath());
        node.init();
        const Bytes tx = signedSend(k.alice, {.to = k.bob.address(), .amount = "42"});
        FinalizeBlockResponse r = node.block({tx, toBytes("junk")});
        QCOMPARE(r.txResults[1].code, static_cast<uint32_t>(TxCode::TxDecode));

        const BlockStore& store = node.app->blockStore();
        QCOMPARE(*store.latestHeight(), uint64_t{1});
        auto block = store.blockByHeight(1);
        QVERIFY(block.ok() && block->has_value());
        QCOMPARE(toHex((*block)->appHash), toHex(r.appHash));
        QCOMPARE((*block)->txHashes.size(), size_t{2});
        QCOMPARE(toHex((*block)->txHashes[0]), toHex(sha256(tx)));
        QVERIFY((*block)->bytes == toBytes("block 1"));
        auto byHash = store.blockByHash((*block)->hash);
        QVERIFY(byHash.ok() && byHash->has_value() && (*byHash)->height == 1);
        QVERIFY(!store.blockByHeight(2)->has_value());
        auto stored = store.txByHash(sha256(tx));
        QVERIFY(stored.ok() && stored->has_value());
        QCOMPARE((*stored)->height, uint64_t{1});
        QCOMPARE((*stored)->index, 0u);
        QVERIFY((*stored)->tx == tx);
        QCOMPARE((*stored)->result.gasUsed, r.txResults[0].gasUsed);
        QCOMPARE((*stored)->result.events.size(), r.txResults[0].events.size());

        // Queries, as the HTTP API makes them.
        auto ask = [&](std::string_view path, const google::protobuf::MessageLite* req) {
            QueryRequest q;
            q.path = std::string(path);
            if (req != nullptr) q.data = allora::node::toBytes(*req);
            return node.app->query(q);
        };
        allora::bank::v1::QueryAllBalancesRequest all;
        all.set_address(k.bob.address());
        QueryResponse qr = ask(query_paths::kAllBalances, &all);
        QCOMPARE(qr.code, 0u);
        allora::bank::v1::QueryAllBalancesResponse balances;
        QVERIFY(balances.ParseFromArray(qr.value.data(), static_cast<int>(qr.value.size())));
        QCOMPARE(balances.balances_size(), 1);
        QCOMPARE(balances.balances(0).amount(), node.balance(k.bob).toUalloString());
        QCOMPARE(qr.height, uint64_t{1});

        allora::chain::v1::QueryAccountRequest acc;
        acc.set_address(k.alice.address());
        qr = ask(query_paths::kAccount, &acc);
        allora::auth::v1::Account account;
        QVERIFY(account.ParseFromArray(qr.value.data(), static_cast<int>(qr.value.size())));
        QCOMPARE(account.base().sequence(), uint64_t{1});
        QVERIFY(account.base().has_pub_key());
        acc.set_address(k.eve.address());
        QCOMPARE(ask(query_paths::kAccount, &acc).code,
                 static_cast<uint32_t>(TxCode::UnknownAddress));
        acc.set_address("allo1bad");
        QCOMPARE(ask(query_paths::kAccount, &acc).code,
                 static_cast<uint32_t>(TxCode::InvalidAddress));

        allora::bank::v1::QueryAllBalancesRequest carol;
        carol.set_address(k.carol.address());
        qr = ask(query_paths::kSpendableBalances, &carol);
        allora::bank::v1::QuerySpendableBalancesResponse spendable;
        QVERIFY(spendable.ParseFromArray(qr.value.data(), static_cast<int>(qr.value.size())));
        QCOMPARE(spendable.balances(0).amount(), std::string("10000000000000000000"));

        qr = ask(query_paths::kTotalSupply, nullptr);
        allora::bank::v1::QueryTotalSupplyResponse supply;
        QVERIFY(supply.ParseFromArray(qr.value.data(), static_cast<int>(qr.value.size())));
        QCOMPARE(supply.supply(0).amount(), node.supply().toUalloString());

        qr = ask(query_paths::kChainParams, nullptr);
        allora::chain::v1::Params params;
        QVERIFY(params.ParseFromArray(qr.value.data(), static_cast<int>(qr.value.size())));
        QCOMPARE(params.min_gas_price(), std::string("10"));
        QCOMPARE(ask(query_paths::kAuthParams, nullptr).code, 0u);
        QCOMPARE(ask(query_paths::kBankParams, nullptr).code, 0u);
        QCOMPARE(ask(query_paths::kGenesisInfo, nullptr).code, 0u);

        allora::chain::v1::QueryTxRequest txReq;
        const Hash256 h = sha256(tx);
        txReq.set_hash(std::string(h.begin(), h.end()));
        qr = ask(query_paths::kTx, &txReq);
        allora::chain::v1::QueryTxResponse txResp;
        QVERIFY(txResp.ParseFromArray(qr.value.data(), static_cast<int>(qr.value.size())));
        QCOMPARE(txResp.height(), uint64_t{1});
        QCOMPARE(txResp.result().code(), 0u);

        allora::chain::v1::QueryBlockRequest blockReq;
        blockReq.set_height(1);
        qr = ask(query_paths::kBlock, &blockReq);
        allora::chain::v1::QueryBlockResponse blockResp;
        QVERIFY(blockResp.ParseFromArray(qr.value.data(), static_cast<int>(qr.value.size())));
        QCOMPARE(blockResp.tx_hashes_size(), 2);
        qr = ask(query_paths::kLatestBlock, nullptr);
        QVERIFY(blockResp.ParseFromArray(qr.value.data(), static_cast<int>(qr.value.size())));
        QCOMPARE(blockResp.height(), uint64_t{1});

        QCOMPARE(ask("/nope", nullptr).code, static_cast<uint32_t>(TxCode::UnknownRequest));
        QueryRequest old;
        old.path = std::string(query_paths::kTotalSupply);
        old.height = 7;
        QVERIFY(node.app->query(old).code != 0);
        QueryRequest malformed;
        malformed.path = std::string(query_paths::kAllBalances);
        malformed.data = {0xff, 0xff};
        QCOMPARE(node.app->query(malformed).code, static_cast<uint32_t>(TxCode::TxDecode));
    }

    void sameBlocksSameAppHashes() {
        Node a(freshPath()), b(freshPath());
        QCOMPARE(toHex(a.init()), toHex(b.init()));
        for (const auto& txs : scriptedBlocks()) {
            FinalizeBlockResponse ra = a.block(txs), rb = b.block(txs);
            QCOMPARE(toHex(ra.appHash), toHex(rb.appHash));
            QCOMPARE(ra.txResults.size(), rb.txResults.size());
            for (size_t i = 0; i < ra.txResults.size(); ++i) {
                QCOMPARE(ra.txResults[i].code, rb.txResults[i].code);
                QCOMPARE(ra.txResults[i].gasUsed, rb.txResults[i].gasUsed);
            }
        }
        QCOMPARE(a.height(), uint64_t{3});
        QCOMPARE(toHex(a.app->info().lastBlockAppHash), toHex(b.app->info().lastBlockAppHash));
    }

    void restartKeepsHeightHashAndState() {
        const std::string path = freshPath();
        Node node(path);
        node.init();
        for (const auto& txs : scriptedBlocks()) node.block(txs);
        const InfoResponse before = node.app->info();
        const Amount bob = node.balance(k.bob);
        node.reopen();
        const InfoResponse after = node.app->info();
        QCOMPARE(after.lastBlockHeight, before.lastBlockHeight);
        QCOMPARE(toHex(after.lastBlockAppHash), toHex(before.lastBlockAppHash));
        QCOMPARE(after.chainId, std::string(kChainId));
        QCOMPARE(node.balance(k.bob), bob);
        QCOMPARE(node.sequence(k.alice), uint64_t{5});
        // And the chain goes on from there.
        QVERIFY(node.block({signedSend(k.alice, {.to = k.bob.address(), .sequence = 5})})
                    .txResults[0]
                    .ok());
        QCOMPARE(node.height(), uint64_t{4});
    }

    void crashMidCommitLosesNothingCommitted() {
        const std::string path = freshPath();
        Hash256 committedHash{};
        {
            Node node(path);
            node.init();
            node.block(scriptedBlocks()[0]);
            committedHash = node.app->info().lastBlockAppHash;
        }
        // A child finalizes block 2 (state written inside the open SQLite transaction) and dies
        // before commit(): nothing of block 2 may survive.
        pid_t pid = fork();
        QVERIFY(pid >= 0);
        if (pid == 0) {
            Node node(path);
            FinalizeBlockRequest req;
            req.block.chainId = kChainId;
            req.block.height = 2;
            req.block.timeUnixNanos = (kGenesisTime + 10) * 1'000'000'000;
            req.txs = scriptedBlocks()[1];
            req.blockBytes = toBytes("block 2");
            req.blockHash = sha256(req.blockBytes);
            auto r = node.app->finalizeBlock(req);
            _exit(r.ok() ? 0 : 1);
        }
        int status = 0;
        waitpid(pid, &status, 0);
        QVERIFY(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        Node node(path);
        QCOMPARE(node.height(), uint64_t{1});
        QCOMPARE(toHex(node.app->info().lastBlockAppHash), toHex(committedHash));
        QCOMPARE(*node.app->blockStore().latestHeight(), uint64_t{1});
        // A child that commits and then dies: the block is there.
        pid = fork();
        QVERIFY(pid >= 0);
        if (pid == 0) {
            Node child(path);
            child.block(scriptedBlocks()[1]);
            _exit(0);
        }
        waitpid(pid, &status, 0);
        node.reopen();
        QCOMPARE(node.height(), uint64_t{2});
        QVERIFY(node.app->blockStore().txByHash(sha256(scriptedBlocks()[1][0]))->has_value());
        // The same block replayed on a node that never crashed gives the same hash.
        Node reference(freshPath());
        reference.init();
        reference.block(scriptedBlocks()[0]);
        reference.block(scriptedBlocks()[1]);
        QCOMPARE(toHex(reference.app->info().lastBlockAppHash),
                 toHex(node.app->info().lastBlockAppHash));
    }

    void finalizeBlockChecksHeightAndChain() {
        Node node(freshPath());
        FinalizeBlockRequest req;
        req.block.height = 1;
        QVERIFY(!node.app->finalizeBlock(req).ok());  // no genesis yet
        QCOMPARE(node.app->checkTx(Bytes{1}, CheckTxMode::New).result.code,
                 static_cast<uint32_t>(TxCode::Internal));
        node.init();
        req.block.height = 3;
        QVERIFY(!node.app->finalizeBlock(req).ok());
        req.block.height = 1;
        req.block.chainId = "other-chain";
        QVERIFY(!node.app->finalizeBlock(req).ok());
        QVERIFY(!node.app->commit().ok());  // nothing finalized
        // A block finalized twice (a new round) without commit: the second one counts.
        req.block.chainId = kChainId;
        req.txs = {signedSend(k.alice, {.to = k.bob.address()})};
        QVERIFY(node.app->finalizeBlock(req).ok());
        req.txs.clear();
        auto second = node.app->finalizeBlock(req);
        QVERIFY(second.ok());
        QVERIFY(node.app->commit().ok());
        QCOMPARE(node.sequence(k.alice), uint64_t{0});
        QCOMPARE(node.height(), uint64_t{1});
    }
};

QTEST_GUILESS_MAIN(TestChainApp)
#include "test_chain_app.moc"
