// Emissions payloads on a real chain: worker nonces opened by the end-block step every
// epoch_length blocks, InsertWorkerPayload (signed bundle, window, registration, one per nonce,
// forecast filtering, strict values, data-sending fee) and InsertReputerPayload (the worker nonce
// turned reputer nonce, window nonce+GTL ≤ h ≤ nonce+2·GTL, minimum stake, signature). Every
// rejection leaves the stored payloads, the ecosystem account and the revenue as they were.
#include "test_emissions_fixture.h"

#include "core/encoding.h"
#include "node/modules/emissions/epoch_close.h"
#include "node/modules/emissions/payloads.h"
#include "node/modules/emissions/regrets.h"

using namespace emtest;

namespace {

bool logHas(const TxResult& r, const std::string& text) {
    return r.log.find(text) != std::string::npos;
}

struct ForecastSpec {
    std::string inferer;
    std::string value;
};

pb::WorkerDataBundle workerBundle(const Key& worker, int64_t nonce,
                                  std::optional<std::string> inference,
                                  const std::vector<ForecastSpec>& forecast = {},
                                  const Key* signer = nullptr) {
    pb::WorkerDataBundle b;
    b.set_worker(worker.address());
    b.mutable_nonce()->set_block_height(nonce);
    b.set_topic_id(1);
    auto* ifb = b.mutable_inference_forecasts_bundle();
    if (inference) {
        auto* inf = ifb->mutable_inference();
        inf->set_topic_id(1);
        inf->set_block_height(nonce);
        inf->set_inferer(worker.address());
        inf->set_value(*inference);
    }
    if (!forecast.empty()) {
        auto* fc = ifb->mutable_forecast();
        fc->set_topic_id(1);
        fc->set_block_height(nonce);
        fc->set_forecaster(worker.address());
        for (const auto& e : forecast) {
            auto* el = fc->add_forecast_elements();
            el->set_inferer(e.inferer);
            el->set_value(e.value);
        }
    }
    const Key& by = signer != nullptr ? *signer : worker;
    auto sig = secp256k1::sign(by.account.privateKey, em::workerBundleSignBytes(*ifb));
    b.set_inferences_forecasts_bundle_signature(std::string(sig->begin(), sig->end()));
    b.set_pubkey(toHex(by.account.publicKey));
    return b;
}

wallet::AnyMessage workerMsg(const Key& sender, const pb::WorkerDataBundle& b) {
    pb::InsertWorkerPayloadRequest m;
    m.set_sender(sender.address());
    *m.mutable_worker_data_bundle() = b;
    return any("InsertWorkerPayloadRequest", m);
}

pb::ReputerValueBundle reputerBundle(const Key& reputer, int64_t nonce,
                                     const std::string& combined = "-2.5",
                                     const Key* signer = nullptr) {
    pb::ReputerValueBundle rb;
    auto* v = rb.mutable_value_bundle();
    v->set_topic_id(1);
    v->mutable_reputer_request_nonce()->mutable_reputer_nonce()->set_block_height(nonce);
    v->set_reputer(reputer.address());
    v->set_combined_value(combined);
    v->set_naive_value("-2.1");
    auto* iv = v->add_inferer_values();
    iv->set_worker(more().w1.address());
    iv->set_value("-2.4");
    auto* oo = v->add_one_out_inferer_values();
    oo->set_worker(more().w1.address());
    oo->set_value("-2.2");
    const Key& by = signer != nullptr ? *signer : reputer;
    auto sig = secp256k1::sign(by.account.privateKey, em::reputerBundleSignBytes(*v));
    rb.set_signature(std::string(sig->begin(), sig->end()));
    rb.set_pubkey(toHex(by.account.publicKey));
    return rb;
}

wallet::AnyMessage reputerMsg(const Key& sender, const pb::ReputerValueBundle& b) {
    pb::InsertReputerPayloadRequest m;
    m.set_sender(sender.address());
    *m.mutable_reputer_value_bundle() = b;
    return any("InsertReputerPayloadRequest", m);
}

std::vector<int64_t> workerNonces(const EmNode& node) {
    pb::GetUnfulfilledWorkerNoncesRequest q;
    q.set_topic_id(1);
    auto r = node.query<pb::GetUnfulfilledWorkerNoncesResponse>("GetUnfulfilledWorkerNonces", q);
    std::vector<int64_t> out;
    for (const auto& n : r.nonces().nonces()) out.push_back(n.block_height());
    return out;
}
std::vector<int64_t> reputerNonces(const EmNode& node) {
    pb::GetUnfulfilledReputerNoncesRequest q;
    q.set_topic_id(1);
    auto r = node.query<pb::GetUnfulfilledReputerNoncesResponse>("GetUnfulfilledReputerNonces", q);
    std::vector<int64_t> out;
    for (const auto& n : r.nonces().nonces()) out.push_back(n.reputer_nonce().block_height());
    return out;
}
pb::GetInferencesAtBlockResponse inferencesAt(const EmNode& node, int64_t nonce) {
    pb::GetInferencesAtBlockRequest q;
    q.set_topic_id(1);
    q.set_block_height(nonce);
    return node.query<pb::GetInferencesAtBlockResponse>("GetInferencesAtBlock", q);
}
pb::GetForecastsAtBlockResponse forecastsAt(const EmNode& node, int64_t nonce) {
    pb::GetForecastsAtBlockRequest q;
    q.set_topic_id(1);
    q.set_block_height(nonce);
    return node.query<pb::GetForecastsAtBlockResponse>("GetForecastsAtBlock", q);
}

}  // namespace

class TestEmissionsPayloads : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    const Keys& k = keys();
    const MoreKeys& m = more();
    int n_ = 0;
    std::string freshPath() { return dir_.filePath(QString("p%1.db").arg(++n_)).toStdString(); }

    // Topic 1 by Alice (by default epoch 40, worker window 40, GTL 50: long enough for a test's
    // many transactions); workers w1, w2, alice; reputer Bob with the minimum stake (the topic
    // becomes active), reputer w3 below it. Returns the first worker nonce, once it is open.
    static pb::CreateNewTopicRequest longTopic() {
        pb::CreateNewTopicRequest t = topicMsg(keys().alice);
        t.set_epoch_length(40);
        t.set_worker_submission_window(40);
        t.set_ground_truth_lag(50);
        return t;
    }
    int64_t setUp(EmNode& node, const pb::CreateNewTopicRequest& topic = longTopic()) {
        node.init();
        if (!node.deliver(k.alice, any("CreateNewTopicRequest", topic)).ok())
            qFatal("create topic");
        for (const Key* w : {&m.w1, &m.w2, &k.alice})
            if (!node.deliver(*w, registerMsg(*w, 1, false)).ok()) qFatal("register worker");
        if (!node.deliver(k.bob, registerMsg(k.bob, 1, true)).ok()) qFatal("register reputer");
        if (!node.deliver(m.w3, registerMsg(m.w3, 1, true)).ok()) qFatal("register reputer");
        if (!node.deliver(k.bob, addStake(k.bob, 1, "10000")).ok()) qFatal("stake");
        if (!node.deliver(m.w3, addStake(m.w3, 1, "5000")).ok()) qFatal("stake");
        for (int i = 0; i < 100 && workerNonces(node).empty(); ++i) node.block({});
        auto open = workerNonces(node);
        if (open.size() != 1) qFatal("no worker nonce opened");
        return open[0];
    }

private Q_SLOTS:
    void noncesOpenEveryEpochAndTurnIntoReputerNonces() {
        EmNode node(freshPath());
        // Epoch 5, worker window 3, GTL 5.
        const int64_t n = setUp(node, topicMsg(k.alice));
        QVERIFY(static_cast<int64_t>(node.height()) >= n);  // opened at the end of block n
        QCOMPARE(node.topic(1)->epoch_last_ended(), n);
        QVERIFY(reputerNonces(node).empty());
        node.advanceTo(static_cast<uint64_t>(n + 2));  // window (n, n+3] still open
        QCOMPARE(workerNonces(node), std::vector<int64_t>{n});
        node.advanceTo(static_cast<uint64_t>(n + 3));  // and closed in the end-block of n+3
        QVERIFY(workerNonces(node).empty());
        QCOMPARE(reputerNonces(node), std::vector<int64_t>{n});
        node.advanceTo(static_cast<uint64_t>(n + 5));  // the next epoch
        QCOMPARE(workerNonces(node), std::vector<int64_t>{n + 5});
        node.advanceTo(static_cast<uint64_t>(n + 10));  // reputer window of n closes at n+2·5
        QCOMPARE(reputerNonces(node), std::vector<int64_t>{n + 5});
    }

    void workerPayloadStoredWithFeeAndFilteredForecast() {
        EmNode node(freshPath());
        const int64_t n = setUp(node);
        const Amount supply = node.supply(), w1 = node.balance(m.w1),
                     eco = node.module(em::kEcosystemName), revenue = node.revenue(1);
        // Forecast: eve is not registered (dropped), w2 named twice (first kept), then alice and
        // w1: at most 2 elements are kept (genesis max_elements_per_forecast).
        auto b = workerBundle(m.w1, n, "1.5",
                              {{k.eve.address(), "0.2"},
                               {m.w2.address(), "0.1"},
                               {m.w2.address(), "0.9"},
                               {k.alice.address(), "0.3"},
                               {m.w1.address(), "0.4"}});
        TxResult check;
        TxResult r = node.deliver(m.w1, workerMsg(m.w1, b), &check);
        QVERIFY2(check.ok(), check.log.c_str());
        QVERIFY2(r.ok(), r.log.c_str());
        QCOMPARE(node.balance(m.w1), *w1.sub(A(10 + kTxFee)));
        QCOMPARE(node.module(em::kEcosystemName), *eco.add(A(10)));
        QCOMPARE(node.revenue(1), *revenue.add(A(10)));
        QCOMPARE(node.supply(), supply);
        auto infs = inferencesAt(node, n);
        QCOMPARE(infs.inferences_size(), 1);
        QCOMPARE(infs.inferences(0).value(), std::string("1.5"));
        auto fcs = forecastsAt(node, n);
        QCOMPARE(fcs.forecasts_size(), 1);
        QCOMPARE(fcs.forecasts(0).forecast_elements_size(), 2);
        QCOMPARE(fcs.forecasts(0).forecast_elements(0).inferer(), m.w2.address());
        QCOMPARE(fcs.forecasts(0).forecast_elements(0).value(), std::string("0.1"));
        QCOMPARE(fcs.forecasts(0).forecast_elements(1).inferer(), k.alice.address());
        pb::GetWorkerLatestInferenceByTopicIdRequest q;
        q.set_topic_id(1);
        q.set_worker_address(m.w1.address());
        auto latest = node.query<pb::GetWorkerLatestInferenceByTopicIdResponse>(
            "GetWorkerLatestInferenceByTopicId", q);
        QCOMPARE(latest.latest_inference().block_height(), n);

        // Another account may carry a worker's signed bundle (the signature decides).
        QVERIFY(node.deliver(k.bob, workerMsg(k.bob, workerBundle(m.w2, n, "-3e2"))).ok());
        QCOMPARE(inferencesAt(node, n).inferences_size(), 2);
    }

    void workerPayloadRejections() {
        EmNode node(freshPath());
        const int64_t n = setUp(node);
        QVERIFY(node.deliver(m.w1, workerMsg(m.w1, workerBundle(m.w1, n, "1"))).ok());
        const Amount eco = node.module(em::kEcosystemName);
        auto expectFail = [&](const Key& sender, const pb::WorkerDataBundle& b,
                              const std::string& reason) {
            TxResult check;
            TxResult r = node.deliver(sender, workerMsg(sender, b), &check);
            QVERIFY2(!r.ok(), reason.c_str());
            const std::string log = check.ok() ? r.log : check.log;
            QVERIFY2(log.find(reason) != std::string::npos, log.c_str());
        };
        expectFail(m.w1, workerBundle(m.w1, n, "2"), "already submitted for nonce");
        expectFail(m.w3, workerBundle(m.w3, n, "2"), "is not registered as a worker");
        expectFail(m.w2, workerBundle(m.w2, n, "2", {}, &m.w1), "is not " + m.w2.address());
        auto forged = workerBundle(m.w2, n, "2");
        forged.set_inferences_forecasts_bundle_signature(
            workerBundle(m.w2, n, "3").inferences_forecasts_bundle_signature());
        expectFail(m.w2, forged, "signature does not verify");
        auto tampered = workerBundle(m.w2, n, "2");
        tampered.mutable_inference_forecasts_bundle()->mutable_inference()->set_value("2.5");
        expectFail(m.w2, tampered, "signature does not verify");
        expectFail(m.w2, workerBundle(m.w2, n, "NaN"), "is not a decimal");
        expectFail(m.w2, workerBundle(m.w2, n, "inf"), "is not a decimal");
        expectFail(m.w2, workerBundle(m.w2, n, "1e41"), "magnitude above 1e40");
        expectFail(m.w2, workerBundle(m.w2, n, "1", {{m.w1.address(), "1e999"}}), "out of range");
        expectFail(m.w2, workerBundle(m.w2, n, " 1"), "is not a decimal");
        expectFail(m.w2, workerBundle(m.w2, n + 1, "1"),
                   "worker nonce " + std::to_string(n + 1) + " is not open");
        expectFail(m.w2, workerBundle(m.w2, n, std::nullopt, {{k.eve.address(), "1"}}),
                   "no forecast element names a registered inferer");
        auto wrongTopic = workerBundle(m.w2, n, "1");
        wrongTopic.set_topic_id(2);
        expectFail(m.w2, wrongTopic, "is not the bundle's");
        QCOMPARE(inferencesAt(node, n).inferences_size(), 1);
        QCOMPARE(node.module(em::kEcosystemName), eco);

        // Too poor for the data-sending fee: Eve gets just enough to register and pay tx fees.
        QVERIFY(node.block({signedSend(k.alice, {.to = k.eve.address(),
                                                 .amount = std::to_string(2 * kTxFee + 205),
                                                 .sequence = node.sequence(k.alice),
                                                 .accountNumber = node.accountNumber(k.alice)})})
                    .txResults[0]
                    .ok());
        QVERIFY(node.deliver(k.eve, registerMsg(k.eve, 1, false)).ok());
        TxResult r = node.deliver(k.eve, workerMsg(k.eve, workerBundle(k.eve, n, "1")));
        QCOMPARE(r.code, static_cast<uint32_t>(TxCode::InsufficientFunds));
        QVERIFY2(logHas(r, "cannot pay the data sending fee"), r.log.c_str());
        QCOMPARE(node.balance(k.eve), A(5));

        // After the window the nonce is a reputer nonce: too late for workers.
        node.advanceTo(static_cast<uint64_t>(n + 40));
        expectFail(m.w2, workerBundle(m.w2, n, "1"), "is not open");
        QCOMPARE(inferencesAt(node, n).inferences_size(), 1);
    }

    void reputerPayloadWindowStakeAndSignature() {
        EmNode node(freshPath());
        const int64_t n = setUp(node);
        QVERIFY(node.deliver(m.w1, workerMsg(m.w1, workerBundle(m.w1, n, "1"))).ok());
        node.advanceTo(static_cast<uint64_t>(n + 40));  // the worker window (n, n+40] closed
        QCOMPARE(reputerNonces(node), std::vector<int64_t>{n});
        const Amount eco = node.module(em::kEcosystemName);
        auto expectFail = [&](const Key& sender, const pb::ReputerValueBundle& b,
                              const std::string& reason) {
            TxResult check;
            TxResult r = node.deliver(sender, reputerMsg(sender, b), &check);
            QVERIFY2(!r.ok(), reason.c_str());
            const std::string log = check.ok() ? r.log : check.log;
            QVERIFY2(log.find(reason) != std::string::npos, log.c_str());
        };
        // Before nonce + GTL: the ground truth is not known yet (this tx lands in block n+40).
        expectFail(k.bob, reputerBundle(k.bob, n),
                   "outside the reputer window [" + std::to_string(n + 50) + ", " +
                       std::to_string(n + 100) + "]");
        node.advanceTo(static_cast<uint64_t>(n + 49));  // next tx at n+50 = nonce + GTL
        expectFail(m.w3, reputerBundle(m.w3, n), "below the required minimum 10000uallo");
        expectFail(m.w1, reputerBundle(m.w1, n), "is not registered as a reputer");
        expectFail(k.bob, reputerBundle(k.bob, n, "-2.5", &m.w3), "is not " + k.bob.address());
        auto tampered = reputerBundle(k.bob, n);
        tampered.mutable_value_bundle()->set_naive_value("-9");
        expectFail(k.bob, tampered, "signature does not verify");
        expectFail(k.bob, reputerBundle(k.bob, n, "nan"), "combined_value");
        expectFail(k.bob, reputerBundle(k.bob, n + 1), "is not open");
        QCOMPARE(node.module(em::kEcosystemName), eco);

        const Amount bob = node.balance(k.bob);
        TxResult r = node.deliver(k.bob, reputerMsg(k.bob, reputerBundle(k.bob, n)));
        QVERIFY2(r.ok(), r.log.c_str());
        QCOMPARE(node.balance(k.bob), *bob.sub(A(10 + kTxFee)));
        QCOMPARE(node.module(em::kEcosystemName), *eco.add(A(10)));
        pb::GetReputerLossBundlesAtBlockRequest q;
        q.set_topic_id(1);
        q.set_block_height(n);
        auto stored =
            node.query<pb::GetReputerLossBundlesAtBlockResponse>("GetReputerLossBundlesAtBlock", q);
        QCOMPARE(stored.reputer_value_bundles_size(), 1);
        QCOMPARE(stored.reputer_value_bundles(0).value_bundle().combined_value(),
                 std::string("-2.5"));
        expectFail(k.bob, reputerBundle(k.bob, n), "already reported");

        // After nonce + 2·GTL the reputer nonce is closed.
        node.advanceTo(static_cast<uint64_t>(n + 100));
        const auto open = reputerNonces(node);
        QVERIFY(std::find(open.begin(), open.end(), n) == open.end());
        QVERIFY(!open.empty());  // later epochs' nonces
        expectFail(k.bob, reputerBundle(k.bob, n), "is not open");
        QCOMPARE(
            node.query<pb::GetReputerLossBundlesAtBlockResponse>("GetReputerLossBundlesAtBlock", q)
                .reputer_value_bundles_size(),
            1);
    }
    void sameBlocksSameAppHash() {
        // Two fresh nodes fed the same transactions reach the same app hash (DESIGN.md).
        EmNode a(freshPath()), b(freshPath());
        for (EmNode* node : {&a, &b}) {
            const int64_t n = setUp(*node);
            QVERIFY(node->deliver(m.w1, workerMsg(m.w1, workerBundle(m.w1, n, "1.25"))).ok());
            QVERIFY(node->deliver(m.w2, workerMsg(m.w2, workerBundle(m.w2, n, "0.5"))).ok());
            node->advanceTo(static_cast<uint64_t>(n + 49));
            QVERIFY(node->deliver(k.bob, reputerMsg(k.bob, reputerBundle(k.bob, n))).ok());
            node->advanceTo(static_cast<uint64_t>(n + 100));
        }
        QCOMPARE(a.height(), b.height());
        QCOMPARE(toHex(a.appHash()), toHex(b.appHash()));
    }

    void epochCloseSynthesisLossesAndRegrets() {
        EmNode node(freshPath());
        const int64_t n = setUp(node);
        for (const auto& [w, v] : std::vector<std::pair<const Key*, std::string>>{
                 {&m.w1, "1"}, {&m.w2, "3"}, {&k.alice, "2.5"}})
            QVERIFY(node.deliver(*w, workerMsg(*w, workerBundle(*w, n, v))).ok());
        pb::GetLatestNetworkInferencesRequest latest;
        latest.set_topic_id(1);
        uint32_t code = 0;
        node.query<pb::GetLatestNetworkInferencesResponse>("GetLatestNetworkInferences", latest,
                                                           &code);
        QCOMPARE(code, static_cast<uint32_t>(TxCode::InvalidRequest));  // not before the window
        node.advanceTo(static_cast<uint64_t>(n + 40));  // the worker window closes: synthesis
        auto net = node.query<pb::GetLatestNetworkInferencesResponse>("GetLatestNetworkInferences",
                                                                      latest, &code);
        QCOMPARE(code, 0u);
        QCOMPARE(net.network_inferences().block_height(), n);
        QCOMPARE(net.network_inferences().mode(), std::string("no_previous_loss"));
        QCOMPARE(net.network_inferences().combined_value(), std::string("2.5"));  // the median
        QCOMPARE(net.network_inferences().inferer_values_size(), 3);

        node.advanceTo(static_cast<uint64_t>(n + 49));
        QVERIFY(node.deliver(k.bob, reputerMsg(k.bob, reputerBundle(k.bob, n))).ok());
        node.advanceTo(static_cast<uint64_t>(n + 100));  // the reputer window closes
        pb::GetNetworkLossBundleAtBlockRequest lq;
        lq.set_topic_id(1);
        lq.set_block_height(n);
        auto losses =
            node.query<pb::GetNetworkLossBundleAtBlockResponse>("GetNetworkLossBundleAtBlock", lq);
        QCOMPARE(losses.loss_bundle().combined_value(), std::string("-2.5"));
        QCOMPARE(losses.loss_bundle().naive_value(), std::string("-2.1"));

        auto regret = [&](const std::string& family, const Key& actor) {
            pb::GetWorkerRegretRequest q;
            q.set_topic_id(1);
            q.set_family(family);
            q.set_actor(actor.address());
            return node.query<pb::GetWorkerRegretResponse>("GetWorkerRegret", q);
        };
        auto r = regret("inferer", m.w1);
        QVERIFY(r.stored());
        QCOMPARE(r.regret(),
                 em::formatDecimal(allora::emissions::updatedRegret(0.1, -2.5, -2.4, 0)));
        r = regret("naive_inferer", m.w1);
        QCOMPARE(r.regret(),
                 em::formatDecimal(allora::emissions::updatedRegret(0.1, -2.1, -2.4, 0)));
        r = regret("inferer", m.w2);  // no loss reported for w2: the initial regret
        QVERIFY(!r.stored());
        QCOMPARE(r.regret(), std::string("0"));

        // Scores of the closed epoch: a single inferer scores 0, the single reputer agrees with
        // itself (T = 1 / (0 + epsilon_reputer) = 100).
        pb::GetScoresAtBlockRequest sq;
        sq.set_topic_id(1);
        sq.set_block_height(n);
        auto scores = node.query<pb::GetScoresAtBlockResponse>("GetScoresAtBlock", sq);
        QCOMPARE(scores.inferer_scores_size(), 1);
        QCOMPARE(scores.inferer_scores(0).worker(), m.w1.address());
        QCOMPARE(scores.inferer_scores(0).value(), std::string("0"));
        QCOMPARE(scores.forecaster_scores_size(), 0);
        QCOMPARE(scores.reputer_scores_size(), 1);
        QCOMPARE(scores.reputer_scores(0).worker(), k.bob.address());
        QCOMPARE(scores.reputer_scores(0).value(), std::string("100"));
        pb::GetListeningCoefficientRequest lc;
        lc.set_topic_id(1);
        lc.set_reputer(k.bob.address());
        QCOMPARE(node.query<pb::GetListeningCoefficientResponse>("GetListeningCoefficient", lc)
                     .coefficient(),
                 std::string("1"));

        // The next epoch with inferences has a previous loss: all-new mode (initial regret 0).
        const int64_t n2 = n + 80;
        QVERIFY(node.deliver(m.w1, workerMsg(m.w1, workerBundle(m.w1, n2, "1"))).ok());
        QVERIFY(node.deliver(m.w2, workerMsg(m.w2, workerBundle(m.w2, n2, "2"))).ok());
        node.advanceTo(static_cast<uint64_t>(n2 + 40));
        net = node.query<pb::GetLatestNetworkInferencesResponse>("GetLatestNetworkInferences",
                                                                 latest);
        QCOMPARE(net.network_inferences().block_height(), n2);
        QCOMPARE(net.network_inferences().mode(), std::string("all_new"));
        QCOMPARE(net.network_inferences().combined_value(), std::string("1.5"));
    }
};

QTEST_GUILESS_MAIN(TestEmissionsPayloads)
#include "test_emissions_payloads.moc"
