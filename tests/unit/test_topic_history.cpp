// The per-epoch topic history (node/modules/emissions/topic_history.h) on a real chain: a topic
// with three inferers (one also forecasting) and two staked reputers runs epochs of real signed
// payloads on SQLite; then each closed worker window has a record matching the stored network
// inferences, the reputer close fills in the losses, the regrets after the update and the epoch's
// scores, GetTopicEpochHistory pages newest first across pages, GetNetworkInferencesAtBlock
// answers from the record, the bound keeps the newest 1000 records, and bad requests are refused
// with a message naming what is wrong.
#include "emissions_epoch_loop.h"
#include "test_emissions_fixture.h"

#include <cmath>

#include "node/modules/emissions/epoch_close.h"
#include "node/modules/emissions/epoch_state.h"
#include "node/modules/emissions/state_keys.h"
#include "node/modules/emissions/topic_history.h"
#include "tests/integration/emissions_actors.h"

using namespace emtest;

namespace {

Genesis historyGenesis() {
    Genesis g = emissionsGenesis();
    g.moduleStates["emissions"] = R"({"params": {
        "remove_stake_delay_window": 3, "min_epoch_length": 2, "create_topic_fee": "75000",
        "registration_fee": "200", "data_sending_fee": "10", "required_minimum_stake": "10000",
        "min_topic_weight": "100"}})";
    return g;
}

}  // namespace

class TestTopicHistory : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    const Keys& k = keys();
    const MoreKeys& m = more();
    int n_ = 0;
    std::string freshPath() { return dir_.filePath(QString("h%1.db").arg(++n_)).toStdString(); }

    // Topic 1 (epoch 5, window 3, ground-truth lag 5): inferers w1, w2, alice (w2 also
    // forecasts), reputers bob (10000) and w3 (20000). Returns the first open nonce.
    int64_t setUp(EmNode& node) {
        node.Node::init(historyGenesis());
        if (!node.deliver(k.alice, createTopic(k.alice)).ok()) qFatal("topic");
        for (const Key* w : {&m.w1, &m.w2, &k.alice})
            if (!node.deliver(*w, registerMsg(*w, 1, false)).ok()) qFatal("register worker");
        for (const Key* r : {&k.bob, &m.w3})
            if (!node.deliver(*r, registerMsg(*r, 1, true)).ok()) qFatal("register reputer");
        if (!node.deliver(k.bob, addStake(k.bob, 1, "10000")).ok()) qFatal("stake");
        if (!node.deliver(m.w3, addStake(m.w3, 1, "20000")).ok()) qFatal("stake");
        if (!node.deliver(k.alice, fundTopic(k.alice, 1, "1000000")).ok()) qFatal("fund");
        for (int i = 0; i < 100 && openWorkerNonces(node).empty(); ++i) node.block({});
        auto open = openWorkerNonces(node);
        if (open.size() != 1) qFatal("no nonce");
        return open[0];
    }

    pb::GetTopicEpochHistoryResponse history(EmNode& node, uint64_t topic, int64_t before,
                                             uint32_t limit, uint32_t* code = nullptr,
                                             std::string* log = nullptr) {
        pb::GetTopicEpochHistoryRequest q;
        q.set_topic_id(topic);
        q.set_before_block_height(before);
        q.set_limit(limit);
        QueryRequest req;
        req.path = "/emissions.v9.Query/GetTopicEpochHistory";
        req.data = allora::node::toBytes(q);
        QueryResponse r = node.app->query(req);
        if (code != nullptr) *code = r.code;
        if (log != nullptr) *log = r.log;
        pb::GetTopicEpochHistoryResponse out;
        if (r.code == 0) out.ParseFromArray(r.value.data(), static_cast<int>(r.value.size()));
        return out;
    }

    const pb::WorkerEpochRecord* find(
        const google::protobuf::RepeatedPtrField<pb::WorkerEpochRecord>& list,
        const std::string& worker) {
        for (const auto& w : list)
            if (w.worker() == worker) return &w;
        return nullptr;
    }

    // A record the reputers closed at `closedAt` (just now): its losses are the stored network
    // losses, each worker's regret is its stored regret (after this close's update), its score
    // the epoch's stored score ("" when the losses allowed none). Returns the inferer scores seen.
    size_t checkClosed(EmNode& node, const pb::TopicEpochRecord& r, int64_t closedAt) {
        EmNode::KvStoreView view(*node.app);
        const int64_t nonce = r.block_height();
        if (r.closed_at_block() != closedAt) qFatal("closed_at_block %lld", (long long)closedAt);
        auto losses = em::networkLossBundle(view.kv, 1, nonce);
        if (!losses || !*losses) qFatal("no network losses");
        if (r.network_loss() != (*losses)->combined_value() ||
            r.naive_loss() != (*losses)->naive_value() || r.network_loss().empty())
            qFatal("losses differ");
        size_t scored = 0;
        for (const auto& [list, kind, family] :
             {std::tuple{&r.inferers(), em::ScoreKind::Inferer, em::RegretFamily::Inferer},
              std::tuple{&r.forecasters(), em::ScoreKind::Forecaster,
                         em::RegretFamily::Forecaster}}) {
            auto scores = em::scoresAt(view.kv, kind, 1, nonce);
            if (!scores) qFatal("scores");
            for (const auto& w : *list) {
                auto regret = em::storedRegret(view.kv, 1, family, "", w.worker());
                if (!regret || !*regret) qFatal("no stored regret for %s", w.worker().c_str());
                if (w.regret() != em::formatDecimal(**regret))
                    qFatal("regret %s != %s", w.regret().c_str(),
                           em::formatDecimal(**regret).c_str());
                auto it = scores->find(w.worker());
                const std::string expected =
                    it == scores->end() ? std::string() : em::formatDecimal(it->second);
                if (w.score() != expected) qFatal("score %s", w.score().c_str());
                if (!expected.empty() && kind == em::ScoreKind::Inferer) ++scored;
            }
        }
        return scored;
    }

private Q_SLOTS:
    void recordsAppearAndFillInAtReputerClose() {
        EmNode node(freshPath());
        const int64_t first = setUp(node);
        QCOMPARE(history(node, 1, 0, 0).records_size(), 0);
        // Nonce `first`: the worker window closes at first+3 (window 3): a record, losses pending.
        node.advanceTo(static_cast<uint64_t>(first));
        epochBlock(node, first);
        node.advanceTo(static_cast<uint64_t>(first + 3));
        pb::NetworkInferences net;
        {
            EmNode::KvStoreView view(*node.app);
            auto latest = em::latestNetworkInferences(view.kv, 1);
            QVERIFY(latest && *latest);
            net = **latest;
        }
        QCOMPARE(net.block_height(), first);
        auto h = history(node, 1, 0, 0);
        QCOMPARE(h.records_size(), 1);
        QCOMPARE(h.next_before_block_height(), int64_t(0));
        const pb::TopicEpochRecord r0 = h.records(0);
        QCOMPARE(r0.topic_id(), uint64_t(1));
        QCOMPARE(r0.block_height(), first);
        QCOMPARE(r0.network_inference(), net.combined_value());
        QCOMPARE(r0.naive_inference(), net.naive_value());
        QCOMPARE(r0.inferers_size(), 3);
        QCOMPARE(r0.forecasters_size(), net.forecaster_values_size());
        for (const auto& v : net.inferer_values()) {
            const auto* w = find(r0.inferers(), v.worker());
            QVERIFY2(w != nullptr, v.worker().c_str());
            QCOMPARE(w->value(), v.value());
            QCOMPARE(w->regret(), std::string());  // losses not known yet
            QCOMPARE(w->score(), std::string());
        }
        // The first epoch has no previous network loss: the median, no weights, no band.
        QCOMPARE(net.mode(), std::string("no_previous_loss"));
        QCOMPARE(net.inferer_weights_size(), 0);
        for (const auto& w : r0.inferers()) QCOMPARE(w.weight(), std::string());
        QCOMPARE(r0.confidence_interval_values_size(), net.confidence_interval_values_size());
        QCOMPARE(r0.confidence_interval_percentiles_size(), r0.confidence_interval_values_size());
        QCOMPARE(r0.network_loss(), std::string());
        QCOMPARE(r0.closed_at_block(), int64_t(0));

        // The same epoch through GetNetworkInferencesAtBlock.
        pb::GetNetworkInferencesAtBlockRequest atq;
        atq.set_topic_id(1);
        atq.set_block_height_last_inference(first);
        auto at =
            node.query<pb::GetNetworkInferencesAtBlockResponse>("GetNetworkInferencesAtBlock", atq);
        QCOMPARE(at.network_inferences().combined_value(), net.combined_value());
        QCOMPARE(at.network_inferences().inferer_values_size(), net.inferer_values_size());
        QCOMPARE(at.network_inferences().confidence_interval_values_size(),
                 net.confidence_interval_values_size());
        uint32_t code = 0;
        atq.set_block_height_last_inference(first + 1);
        node.query<pb::GetNetworkInferencesAtBlockResponse>("GetNetworkInferencesAtBlock", atq,
                                                            &code);
        QCOMPARE(code, uint32_t(TxCode::InvalidRequest));

        // More epochs: the reputers report on nonce `first` in block first+6; its reputer window
        // closes at first + 2·lag = first+10, the end-block that also opens nonce first+10.
        node.advanceTo(static_cast<uint64_t>(first + 5));
        epochBlock(node, first + 5);
        node.advanceTo(static_cast<uint64_t>(first + 9));
        QCOMPARE(history(node, 1, 0, 0).records(1).closed_at_block(), int64_t(0));
        node.advanceTo(static_cast<uint64_t>(first + 10));
        auto all = history(node, 1, 0, 0);
        QCOMPARE(all.records_size(), 2);
        QCOMPARE(all.records(0).block_height(), first + 5);  // newest first
        const pb::TopicEpochRecord closed = all.records(1);
        QCOMPARE(closed.block_height(), first);
        // What was written at the worker close stays.
        QCOMPARE(closed.network_inference(), r0.network_inference());
        QCOMPARE(closed.inferers_size(), r0.inferers_size());
        for (const auto& w : closed.inferers())
            QCOMPARE(w.value(), find(r0.inferers(), w.worker())->value());
        // No one-out values in the first epoch: the losses allow no scores yet, only regrets.
        QCOMPARE(checkClosed(node, closed, first + 10), size_t(0));
        // The newer epoch is still open for the reputers.
        QCOMPARE(all.records(0).closed_at_block(), int64_t(0));
        QCOMPARE(all.records(0).inferers(0).regret(), std::string());

        // Nonce first+10 (weighted, with one-out values) closes at first+20 with scores.
        pb::NetworkInferences weighted;
        for (int64_t n = first + 10; n <= first + 15; n += 5) {
            node.advanceTo(static_cast<uint64_t>(n));
            epochBlock(node, n);
            if (n != first + 10) continue;
            node.advanceTo(static_cast<uint64_t>(first + 13));  // its worker window closed
            EmNode::KvStoreView view(*node.app);
            auto latest = em::latestNetworkInferences(view.kv, 1);
            QVERIFY(latest && *latest);
            weighted = **latest;
        }
        QCOMPARE(weighted.block_height(), first + 10);
        node.advanceTo(static_cast<uint64_t>(first + 20));
        pb::GetTopicEpochHistoryResponse page = history(node, 1, first + 11, 1);
        QCOMPARE(page.records_size(), 1);
        QCOMPARE(page.records(0).block_height(), first + 10);
        QCOMPARE(checkClosed(node, page.records(0), first + 20), size_t(3));
        // A reputer that missed the epoch gets the one-out and one-in values from the history,
        // as the synthesis wrote them (its losses need them; participant_runner's catch-up).
        QVERIFY(weighted.one_out_inferer_values_size() > 0);
        atq.set_block_height_last_inference(first + 10);
        const pb::NetworkInferences late =
            node.query<pb::GetNetworkInferencesAtBlockResponse>("GetNetworkInferencesAtBlock", atq)
                .network_inferences();
        auto bytesOf = [](const auto& list) {
            std::string out;
            for (const auto& v : list) out += v.SerializeAsString() + "|";
            return out;
        };
        QCOMPARE(bytesOf(late.one_out_inferer_values()),
                 bytesOf(weighted.one_out_inferer_values()));
        QCOMPARE(bytesOf(late.one_out_forecaster_values()),
                 bytesOf(weighted.one_out_forecaster_values()));
        QCOMPARE(bytesOf(late.one_in_forecaster_values()),
                 bytesOf(weighted.one_in_forecaster_values()));
    }

    void pagesNewestFirst() {
        EmNode node(freshPath());
        int64_t n = setUp(node);
        std::vector<int64_t> nonces;
        for (int e = 0; e < 7; ++e, n += 5) {
            node.advanceTo(static_cast<uint64_t>(n));
            epochBlock(node, n);
            nonces.push_back(n);
        }
        node.advanceTo(static_cast<uint64_t>(n));  // the last window closed too
        std::vector<int64_t> newestFirst(nonces.rbegin(), nonces.rend());

        // Pages of 3: 3 + 3 + 1, following next_before_block_height.
        std::vector<int64_t> seen;
        std::vector<int> sizes;
        int64_t before = 0;
        for (int page = 0; page < 10; ++page) {
            auto p = history(node, 1, before, 3);
            sizes.push_back(p.records_size());
            for (const auto& r : p.records()) seen.push_back(r.block_height());
            if (p.next_before_block_height() == 0) break;
            QCOMPARE(p.next_before_block_height(), seen.back());
            before = p.next_before_block_height();
        }
        QCOMPARE(sizes, (std::vector<int>{3, 3, 1}));
        QCOMPARE(seen, newestFirst);
        // A page that ends exactly at the oldest record says there is no more.
        auto exact = history(node, 1, 0, 7);
        QCOMPARE(exact.records_size(), 7);
        QCOMPARE(exact.next_before_block_height(), int64_t(0));
        // before between two nonces: the records strictly below it.
        auto mid = history(node, 1, nonces[3] + 1, 2);
        QCOMPARE(mid.records_size(), 2);
        QCOMPARE(mid.records(0).block_height(), nonces[3]);
        QCOMPARE(mid.records(1).block_height(), nonces[2]);
        QCOMPARE(mid.next_before_block_height(), nonces[2]);
        QCOMPARE(history(node, 1, nonces[0], 5).records_size(), 0);
        // Once a previous loss is known the epochs are weighted: the record's weights are the
        // synthesis weights normalised to sum to 1 over inferers and forecasters.
        {
            EmNode::KvStoreView view(*node.app);
            auto net = em::latestNetworkInferences(view.kv, 1);
            QVERIFY(net && *net);
            QCOMPARE((*net)->block_height(), nonces.back());
            QVERIFY((*net)->inferer_weights_size() > 0);
            double raw = 0;
            for (const auto* list : {&(*net)->inferer_weights(), &(*net)->forecaster_weights()})
                for (const auto& w : *list) raw += std::stod(w.value());
            const pb::TopicEpochRecord newest = history(node, 1, 0, 1).records(0);
            double sum = 0;
            for (const auto& w : (*net)->inferer_weights()) {
                const auto* r = find(newest.inferers(), w.worker());
                QVERIFY(r != nullptr);
                QVERIFY(std::abs(std::stod(r->weight()) - std::stod(w.value()) / raw) < 1e-15);
                sum += std::stod(r->weight());
            }
            for (const auto& w : newest.forecasters()) sum += std::stod(w.weight());
            QVERIFY2(std::abs(sum - 1) < 1e-12, std::to_string(sum).c_str());
            QCOMPARE(newest.confidence_interval_values_size(), 5);
            QCOMPARE(newest.confidence_interval_percentiles(0), std::string("2.28"));
            QCOMPARE(newest.forecasters_size(), 1);
            QCOMPARE(newest.forecasters(0).worker(), m.w2.address());
        }
        // limit 0 is the default page (100): all seven here.
        QCOMPARE(history(node, 1, 0, 0).records_size(), 7);
        // The older epochs were closed by the reputers: their losses are in.
        QVERIFY(!history(node, 1, 0, 0).records(6).network_loss().empty());
    }

    // The bound: writing record 1001 of a topic deletes the oldest, and with it the per-nonce
    // records of its age (inferences, forecasts, reputer bundles, network losses, scores and
    // active-set draws), also of a nonce that had no history record; later nonces and other
    // topics keep theirs. Driven through the recorder on the chain's SQLite state (1001 real
    // epochs would take minutes).
    void theBoundDropsTheOldest() {
        EmNode node(freshPath());
        setUp(node);
        EmNode::KvStoreView view(*node.app);
        const Bytes worker = *parseAddress(m.w1.address());
        auto perNonceKeys = [&](uint64_t topic, int64_t nonce) {
            std::vector<Bytes> out;
            for (std::string_view prefix :
                 {em::keys::kInference, em::keys::kForecast, em::keys::kReputerPayload})
                out.push_back(em::nonceKey(prefix, topic, nonce, worker));
            out.push_back(em::topicKey(em::keys::kNetworkLoss, topic));
            em::appendU64(out.back(), static_cast<uint64_t>(nonce));
            for (em::ScoreKind kind :
                 {em::ScoreKind::Inferer, em::ScoreKind::Forecaster, em::ScoreKind::Reputer})
                for (std::string_view prefix : {em::keys::kScore, em::keys::kActiveSet}) {
                    out.push_back(em::kindKey(prefix, kind, topic));
                    em::appendU64(out.back(), static_cast<uint64_t>(nonce));
                    out.back().insert(out.back().end(), worker.begin(), worker.end());
                }
            return out;
        };
        auto present = [&](uint64_t topic, int64_t nonce) {
            size_t n = 0;
            for (const Bytes& k : perNonceKeys(topic, nonce)) n += view.kv.get(k)->has_value();
            return n;
        };
        const size_t perNonce = perNonceKeys(7, 0).size();
        // Nonces 100..140 get history records below and are dropped by the bound; 105 has none.
        for (int64_t nonce : {100, 105, 140, 150})
            for (uint64_t topic : {7, 8})
                for (const Bytes& k : perNonceKeys(topic, nonce)) QVERIFY(view.kv.set(k, Bytes{1}));
        QCOMPARE(present(7, 100), perNonce);
        const size_t total = em::kTopicHistoryMaxEpochs + 5;
        for (size_t i = 0; i < total; ++i) {
            pb::NetworkInferences n;
            n.set_topic_id(7);
            n.set_block_height(100 + 10 * static_cast<int64_t>(i));
            n.set_combined_value(std::to_string(i));
            n.set_naive_value("0");
            auto* v = n.add_inferer_values();
            v->set_worker(m.w1.address());
            v->set_value(std::to_string(i));
            QVERIFY(em::recordEpochInferences(view.kv, n));
        }
        QCOMPARE(em::kTopicHistoryMaxEpochs, size_t(1000));
        // The five oldest are gone, the newest 1000 are there.
        for (int64_t i = 0; i < 5; ++i)
            QVERIFY(!em::topicEpochRecord(view.kv, 7, 100 + 10 * i)->has_value());
        QVERIFY(em::topicEpochRecord(view.kv, 7, 100 + 10 * 5)->has_value());
        for (int64_t nonce : {100, 105, 140}) {
            QCOMPARE(present(7, nonce), size_t(0));
            QCOMPARE(present(8, nonce), perNonce);
        }
        QCOMPARE(present(7, 150), perNonce);
        size_t stored = 0;
        QVERIFY(view.kv.forEachPrefix(em::topicKey(em::keys::kTopicHistory, 7),
                                      [&](ByteSpan key, ByteSpan) {
                                          stored += key.size() == 8 + 8 + 8 ? 1 : 0;
                                          return true;
                                      }));
        QCOMPARE(stored, size_t(1000));
        // Paging the whole bounded history: 1000 records, newest first, last page says done.
        int64_t before = 0, expected = 100 + 10 * static_cast<int64_t>(total - 1);
        size_t count = 0;
        for (int page = 0; page < 3; ++page) {
            auto p = em::topicEpochHistory(view.kv, 7, before, em::kTopicHistoryMaxLimit);
            QVERIFY(p);
            for (const auto& r : p->records()) {
                QCOMPARE(r.block_height(), expected);
                expected -= 10;
                ++count;
            }
            before = p->next_before_block_height();
            if (before == 0) break;
        }
        QCOMPARE(count, size_t(1000));
        QCOMPARE(before, int64_t(0));
        // The reputer close of a dropped epoch is a no-op, not an error.
        QVERIFY(em::recordEpochClose(view.kv, 7, 100, 5000));
        QVERIFY(!em::topicEpochRecord(view.kv, 7, 100)->has_value());
    }

    void badRequestsAreRefused() {
        EmNode node(freshPath());
        setUp(node);
        struct Case {
            uint64_t topic;
            int64_t before;
            uint32_t limit;
            const char* word;
        } cases[] = {
            {0, 0, 10, "topic ids start at 1"}, {99, 0, 10, "topic 99 does not exist"},
            {1, 0, 1001, "at most 1000"},       {1, 0, 4000000000u, "at most 1000"},
            {1, -5, 10, "before_block_height"},
        };
        for (const Case& c : cases) {
            uint32_t code = 0;
            std::string log;
            history(node, c.topic, c.before, c.limit, &code, &log);
            QVERIFY2(code == uint32_t(TxCode::InvalidRequest), log.c_str());
            QVERIFY2(log.find(c.word) != std::string::npos, log.c_str());
        }
        // The largest page is allowed; a topic without epochs yet answers an empty page.
        uint32_t code = 1;
        auto ok = history(node, 1, 0, 1000, &code);
        QCOMPARE(code, uint32_t(0));
        QCOMPARE(ok.records_size(), 0);
        QCOMPARE(ok.next_before_block_height(), int64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestTopicHistory)
#include "test_topic_history.moc"
