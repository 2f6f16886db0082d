// The index of txs by address (node/chain/block_store.h) and the TxsByAddress query
// (node/chain/chain_query.h): each address sees the txs it sent or received, newest first, page by
// page; a failed tx is in its sender's history only; a home from before the index gets it filled
// at open. Real SQLite files, real ChainApp, real signed transfers.
#include "test_chain_fixture.h"

#include "node/chain/block_store.h"
#include "node/chain/chain_query.h"

using namespace chaintest;

namespace {

std::vector<uint64_t> heights(const std::vector<AddressTx>& txs) {
    std::vector<uint64_t> out;
    for (const auto& t : txs) out.push_back(t.tx.height);
    return out;
}

}  // namespace

class TestTxIndex : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    int n_ = 0;
    const Keys& k = keys();
    std::string freshPath() { return dir_.filePath(QString("n%1.db").arg(++n_)).toStdString(); }

    // Blocks 1-4: alice → bob 42 uallo; bob → carol 7 uallo; bob → carol 10 ALLO (more than bob
    // has: fails, fee paid); alice → alice 1 uallo and alice → bob 2 uallo in one block.
    void fillChain(Node& node) {
        node.init();
        QVERIFY(node.block({signedSend(k.alice, {.to = k.bob.address(), .amount = "42"})})
                    .txResults[0]
                    .ok());
        QVERIFY(node.block({signedSend(k.bob, {.to = k.carol.address(),
                                               .amount = "7",
                                               .accountNumber = node.accountNumber(k.bob)})})
                    .txResults[0]
                    .ok());
        auto failed = node.block({signedSend(k.bob, {.to = k.carol.address(),
                                                     .amount = "10000000000000000000",
                                                     .sequence = 1,
                                                     .accountNumber = node.accountNumber(k.bob)})});
        QCOMPARE(failed.txResults[0].code, static_cast<uint32_t>(TxCode::InsufficientFunds));
        auto both = node.block(
            {signedSend(k.alice, {.to = k.alice.address(), .amount = "1", .sequence = 1}),
             signedSend(k.alice, {.to = k.bob.address(), .amount = "2", .sequence = 2})});
        QVERIFY(both.txResults[0].ok() && both.txResults[1].ok());
    }

private Q_SLOTS:
    void eachAddressSeesItsTxsNewestFirst() {
        Node node(freshPath());
        fillChain(node);
        const BlockStore& store = node.app->blockStore();
        auto alice = store.txsByAddress(k.alice.address(), {}, 100);
        QVERIFY(alice.ok());
        QCOMPARE(heights(*alice), (std::vector<uint64_t>{4, 4, 1}));
        QCOMPARE((*alice)[0].tx.index, 1u);  // newest first within a block too
        QCOMPARE((*alice)[1].tx.index, 0u);
        QCOMPARE((*alice)[2].blockTimeUnixNanos, (kGenesisTime + 5) * 1'000'000'000);
        QVERIFY((*alice)[2].tx.tx == signedSend(k.alice, {.to = k.bob.address(), .amount = "42"}));

        auto bob = store.txsByAddress(k.bob.address(), {}, 100);
        QCOMPARE(heights(*bob), (std::vector<uint64_t>{4, 3, 2, 1}));
        QCOMPARE((*bob)[1].tx.result.code, static_cast<uint32_t>(TxCode::InsufficientFunds));
        // The failed transfer never reached carol: it is only in its sender's history.
        auto carol = store.txsByAddress(k.carol.address(), {}, 100);
        QCOMPARE(heights(*carol), (std::vector<uint64_t>{2}));
        QVERIFY(store.txsByAddress(k.eve.address(), {}, 100)->empty());

        // Pages: strictly before the cursor.
        auto first = store.txsByAddress(k.bob.address(), {}, 2);
        QCOMPARE(heights(*first), (std::vector<uint64_t>{4, 3}));
        auto second = store.txsByAddress(k.bob.address(),
                                         {first->back().tx.height, first->back().tx.index}, 2);
        QCOMPARE(heights(*second), (std::vector<uint64_t>{2, 1}));
        auto inBlock = store.txsByAddress(k.alice.address(), {4, 1}, 10);
        QCOMPARE(heights(*inBlock), (std::vector<uint64_t>{4, 1}));
        QCOMPARE((*inBlock)[0].tx.index, 0u);
    }

    void queryPathPagesAndValidates() {
        Node node(freshPath());
        fillChain(node);
        auto ask = [&](const TxsByAddressRequest& req) {
            QueryRequest q;
            q.path = std::string(query_paths::kTxsByAddress);
            q.data = encodeTxsByAddressRequest(req);
            return node.app->query(q);
        };
        // Upper-case bech32 is the same address.
        QString upper = QString::fromStdString(k.bob.address()).toUpper();
        auto r = ask({upper.toStdString(), 0, 0, 3});
        QCOMPARE(r.code, 0u);
        QCOMPARE(r.height, uint64_t{4});
        auto page = decodeTxsByAddressResponse(r.value);
        QVERIFY(page.ok());
        QCOMPARE(page->size(), size_t{3});
        QCOMPARE((*page)[0].height, uint64_t{4});
        QCOMPARE(toHex((*page)[0].hash),
                 toHex(sha256(
                     signedSend(k.alice, {.to = k.bob.address(), .amount = "2", .sequence = 2}))));
        auto result = decodeTxResult((*page)[1].result);
        QVERIFY(result.ok());
        QCOMPARE(result->code, static_cast<uint32_t>(TxCode::InsufficientFunds));
        QVERIFY((*page)[2].timeUnixNanos > 0);

        auto rest = decodeTxsByAddressResponse(
            ask({k.bob.address(), (*page)[2].height, (*page)[2].index, 3}).value);
        QCOMPARE(rest->size(), size_t{1});
        QCOMPARE((*rest)[0].height, uint64_t{1});

        QCOMPARE(ask({"allo1notanaddress", 0, 0, 0}).code,
                 static_cast<uint32_t>(TxCode::InvalidAddress));
        QueryRequest garbage;
        garbage.path = std::string(query_paths::kTxsByAddress);
        garbage.data = toBytes("\xff\xff");
        QCOMPARE(node.app->query(garbage).code, static_cast<uint32_t>(TxCode::TxDecode));

        // Encodings round-trip.
        TxsByAddressRequest req{k.alice.address(), 12, 3, 40};
        auto back = decodeTxsByAddressRequest(encodeTxsByAddressRequest(req));
        QVERIFY(back.ok());
        QCOMPARE(back->address, req.address);
        QCOMPARE(back->beforeHeight, uint64_t{12});
        QCOMPARE(back->beforeIndex, 3u);
        QCOMPARE(back->limit, 40u);
    }

    // The newest blocks' rows wait in chain_address_recent and move to the main index in one pass
    // (block_store.h): a history read page by page is the same, newest first, whichever table
    // its rows are in at the moment, also across a reopen.
    void recentRowsMoveToTheIndexAndHistoriesSpanBoth() {
        auto db = Database::open(freshPath());
        QVERIFY(db.ok());
        auto store = BlockStore::open(*db);
        QVERIFY(store.ok());
        (*store)->setRecentAddressRowsLimit(5);
        const auto event = [](const std::string& from, const std::string& to) {
            TxResult r;
            r.events.push_back(Event{"transfer", {{"recipient", to}, {"sender", from}}});
            return r;
        };
        const std::string a = k.alice.address(), b = k.bob.address(), c = k.carol.address();
        // Height h: tx 0 is a → b; at even heights tx 1 is c → a. Newest first, a's history is
        // then (h, 1) before (h, 0) at even heights.
        std::vector<std::pair<uint64_t, uint32_t>> expected;
        const auto count = [&](const char* table) {
            auto q = db->prepare(std::string("SELECT count(*) FROM ") + table);
            auto row = q->step();
            return row && *row ? q->columnInt64(0) : -1;
        };
        for (uint64_t h = 1; h <= 13; ++h) {
            StoredBlock block;
            block.height = h;
            block.hash = sha256(toBytes("block " + std::to_string(h)));
            block.timeUnixNanos = static_cast<int64_t>(h) * 1'000'000'000;
            std::vector<Bytes> txs{toBytes("tx a->b " + std::to_string(h))};
            std::vector<TxResult> results{event(a, b)};
            expected.insert(expected.begin(), {h, 0});
            if (h % 2 == 0) {
                txs.push_back(toBytes("tx c->a " + std::to_string(h)));
                results.push_back(event(c, a));
                expected.insert(expected.begin(), {h, 1});
            }
            auto txn = Transaction::begin(*db);
            QVERIFY(txn.ok());
            QVERIFY((*store)->putBlock(*txn, block, txs, results).ok());
            QVERIFY(txn->commit().ok());
            // Never more than the limit plus one block's rows wait.
            QVERIFY(count("chain_address_recent") < 5 + 4);
        }
        QVERIFY(count("chain_address_txs") > 0);
        QVERIFY(count("chain_address_recent") > 0);  // 13 blocks: the last ones still wait
        const auto history = [&](const BlockStore& s, uint32_t page) {
            std::vector<std::pair<uint64_t, uint32_t>> out;
            TxCursor cursor;
            for (;;) {
                auto got = s.txsByAddress(a, cursor, page);
                if (!got || got->empty()) return out;
                for (const AddressTx& t : *got) out.emplace_back(t.tx.height, t.tx.index);
                cursor = {got->back().tx.height, got->back().tx.index};
            }
        };
        for (uint32_t page : {1u, 2u, 3u, 100u}) QCOMPARE(history(**store, page), expected);
        QCOMPARE(history(**store, 100).size(), size_t{13 + 6});
        auto bHistory = (*store)->txsByAddress(b, {}, 100);
        QVERIFY(bHistory.ok());
        QCOMPARE(bHistory->size(), size_t{13});
        QVERIFY((*bHistory)[0].tx.tx == toBytes("tx a->b 13"));
        store->reset();
        auto reopened = BlockStore::open(*db);
        QVERIFY(reopened.ok());
        QCOMPARE(history(**reopened, 4), expected);
    }

    void homeFromBeforeTheIndexIsFilledAtOpen() {
        const std::string path = freshPath();
        Node node(path);
        fillChain(node);
        node.close();
        {
            auto db = Database::open(path);
            QVERIFY(db.ok());
            QVERIFY(db->exec("DROP TABLE chain_address_txs").ok());
        }
        node.reopen();
        auto bob = node.app->blockStore().txsByAddress(k.bob.address(), {}, 100);
        QVERIFY(bob.ok());
        QCOMPARE(heights(*bob), (std::vector<uint64_t>{4, 3, 2, 1}));
        // And new blocks keep being indexed.
        node.block({signedSend(
            k.carol,
            {.to = k.bob.address(), .amount = "5", .accountNumber = node.accountNumber(k.carol)})});
        QCOMPARE(heights(*node.app->blockStore().txsByAddress(k.bob.address(), {}, 1)),
                 (std::vector<uint64_t>{5}));
    }
};

QTEST_GUILESS_MAIN(TestTxIndex)
#include "test_tx_index.moc"
