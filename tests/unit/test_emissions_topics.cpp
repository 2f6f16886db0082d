// Emissions topics on a real chain (node/modules/emissions): genesis params, CreateNewTopic with
// its fee and every field check, Register / RemoveRegistration, FundTopic (pay-what-you-want),
// paged topic queries and activation. Fees move to the ecosystem account and supply is conserved;
// a rejected message changes nothing but the tx fee and the sequence.
#include "test_emissions_fixture.h"

#include <functional>

#include "node/modules/emissions/genesis.h"

using namespace emtest;

namespace {

bool hasEvent(const TxResult& r, const std::string& type, const std::string& key,
              const std::string& value) {
    for (const auto& e : r.events)
        if (e.type == type)
            for (const auto& a : e.attributes)
                if (a.key == key && a.value == value) return true;
    return false;
}

bool logHas(const TxResult& r, const std::string& text) {
    return r.log.find(text) != std::string::npos;
}

}  // namespace

class TestEmissionsTopics : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    const Keys& k = keys();
    int n_ = 0;
    std::string freshPath() { return dir_.filePath(QString("t%1.db").arg(++n_)).toStdString(); }

private Q_SLOTS:
    void genesisParams() {
        EmNode node(freshPath());
        node.init();
        auto r = node.query<pb::GetParamsResponse>("GetParams", pb::GetParamsRequest{});
        QCOMPARE(r.params().remove_stake_delay_window(), int64_t{3});
        QCOMPARE(r.params().create_topic_fee(), std::string("75000"));
        QCOMPARE(r.params().c_norm(), std::string("0.75"));  // default
        QCOMPARE(r.params().max_elements_per_forecast(), uint64_t{2});

        // Defaults when the section is absent; errors name the field.
        auto defaults = em::paramsFromGenesisJson("");
        QVERIFY(defaults.ok());
        QCOMPARE(defaults->required_minimum_stake(), std::string("10000"));
        QVERIFY(em::validateParams(*defaults).ok());
        auto unknown = em::paramsFromGenesisJson(R"({"params": {"no_such_param": 1}})");
        QVERIFY(!unknown.ok());
        QVERIFY(unknown.message().find("no_such_param") != std::string::npos);
        auto badValue = em::paramsFromGenesisJson(R"({"params": {"c_norm": "abc"}})");
        QVERIFY(badValue.ok());
        auto invalid = em::validateParams(*badValue);
        QVERIFY(!invalid.ok());
        QVERIFY(invalid.message().find("c_norm") != std::string::npos);

        // A genesis with an invalid emissions section is refused as a whole.
        EmNode bad(freshPath());
        Genesis g = emissionsGenesis();
        g.moduleStates["emissions"] = R"({"params": {"registration_fee": "-5"}})";
        auto h = bad.app->initChain(g);
        QVERIFY(!h.ok());
        QVERIFY(h.message().find("registration_fee") != std::string::npos);
        QVERIFY(!bad.app->hasGenesis());
    }

    void createTopicChargesFeeAndStores() {
        EmNode node(freshPath());
        node.init();
        const Amount supply = node.supply(), alice = node.balance(k.alice);
        TxResult check;
        TxResult r = node.deliver(k.alice, createTopic(k.alice), &check);
        QVERIFY2(check.ok(), check.log.c_str());
        QVERIFY2(r.ok(), r.log.c_str());
        QVERIFY(hasEvent(r, "emissions.v9.EventTopicCreated", "topic_id", "1"));
        QVERIFY(hasEvent(r, "message", "action", "/emissions.v9.CreateNewTopicRequest"));
        QCOMPARE(node.balance(k.alice), *alice.sub(A(75000 + kTxFee)));
        QCOMPARE(node.module(em::kEcosystemName), A(75000));
        QCOMPARE(node.supply(), supply);
        QCOMPARE(node.revenue(1), A(75000));
        auto t = node.topic(1);
        QVERIFY(t.has_value());
        QCOMPARE(t->id(), uint64_t{1});
        QCOMPARE(t->creator(), k.alice.address());
        QCOMPARE(t->loss_method(), std::string("mse"));
        QCOMPARE(t->epoch_length(), int64_t{5});
        QCOMPARE(t->initial_regret(), std::string("0"));
        QCOMPARE(t->c_norm(), std::string("0.75"));
        QCOMPARE(t->epoch_last_ended(), int64_t{1});
        QVERIFY(!node.active(1));  // no stake yet
        auto next =
            node.query<pb::GetNextTopicIdResponse>("GetNextTopicId", pb::GetNextTopicIdRequest{});
        QCOMPARE(next.next_topic_id(), uint64_t{2});
        QVERIFY(!node.topic(2).has_value());
    }

    void createTopicRejections_data() {
        QTest::addColumn<int>("which");
        QTest::addColumn<QString>("reason");
        const char* reasons[] = {"loss_method is empty",
                                 "epoch_length 1 is below min_epoch_length",
                                 "ground_truth_lag 4 is below epoch_length",
                                 "above 100 × epoch_length",
                                 "p_norm 2.4 is outside",
                                 "p_norm: \"3x\" is not a decimal",
                                 "alpha_regret 0 is outside",
                                 "alpha_regret 1.5 is outside",
                                 "epsilon 0 is outside",
                                 "worker_submission_window must be positive",
                                 "worker_submission_window 6 is above epoch_length",
                                 "active_reputer_quantile 1.1 is outside",
                                 "merit_sortition_alpha: \"nan\" is not a decimal",
                                 "metadata is longer than max_string_length",
                                 "invalid creator address",
                                 "topic whitelists are not supported"};
        for (int i = 0; i < static_cast<int>(std::size(reasons)); ++i)
            QTest::newRow(reasons[i]) << i << QString(reasons[i]);
    }
    void createTopicRejections() {
        QFETCH(int, which);
        QFETCH(QString, reason);
        const std::vector<std::function<void(pb::CreateNewTopicRequest&)>> mutate = {
            [](auto& m) { m.set_loss_method(""); },
            [](auto& m) {
                m.set_epoch_length(1);
                m.set_worker_submission_window(1);
                m.set_ground_truth_lag(1);
            },
            [](auto& m) { m.set_ground_truth_lag(4); },
            [](auto& m) { m.set_ground_truth_lag(501); },
            [](auto& m) { m.set_p_norm("2.4"); },
            [](auto& m) { m.set_p_norm("3x"); },
            [](auto& m) { m.set_alpha_regret("0"); },
            [](auto& m) { m.set_alpha_regret("1.5"); },
            [](auto& m) { m.set_epsilon("0"); },
            [](auto& m) { m.set_worker_submission_window(0); },
            [](auto& m) { m.set_worker_submission_window(6); },
            [](auto& m) { m.set_active_reputer_quantile("1.1"); },
            [](auto& m) { m.set_merit_sortition_alpha("nan"); },
            [](auto& m) { m.set_metadata(std::string(256, 'x')); },
            [](auto& m) { m.set_creator("allo1notanaddress"); },
            [](auto& m) { m.set_enable_worker_whitelist(true); },
        };
        EmNode node(freshPath());
        node.init();
        const Amount alice = node.balance(k.alice);
        pb::CreateNewTopicRequest m = topicMsg(k.alice);
        mutate.at(static_cast<size_t>(which))(m);
        TxResult r = node.deliver(k.alice, any("CreateNewTopicRequest", m));
        QVERIFY(!r.ok());
        QVERIFY2(logHas(r, reason.toStdString()), r.log.c_str());
        QVERIFY(r.code == static_cast<uint32_t>(TxCode::InvalidRequest) ||
                r.code == static_cast<uint32_t>(TxCode::InvalidAddress) ||
                r.code == static_cast<uint32_t>(TxCode::Unauthorized));
        QVERIFY(!node.topic(1).has_value());
        QCOMPARE(node.module(em::kEcosystemName), Amount{});
        // Only the tx fee left (when the tx got past the ante step at all).
        QVERIFY(node.balance(k.alice) == alice || node.balance(k.alice) == *alice.sub(A(kTxFee)));
    }

    void createTopicInsufficientFundsAndWrongSigner() {
        EmNode node(freshPath());
        node.init();
        // Eve gets enough for the tx fee but not the topic fee.
        QVERIFY(node.block({signedSend(k.alice, {.to = k.eve.address(),
                                                 .amount = std::to_string(kTxFee + 1000)})})
                    .txResults[0]
                    .ok());
        TxResult r = node.deliver(k.eve, createTopic(k.eve));
        QCOMPARE(r.code, static_cast<uint32_t>(TxCode::InsufficientFunds));
        QVERIFY2(logHas(r, "cannot pay the topic creation fee"), r.log.c_str());
        QCOMPARE(node.balance(k.eve), A(1000));
        QVERIFY(!node.topic(1).has_value());
        // Bob signs a topic whose creator is Alice: the ante step refuses it.
        TxResult check;
        r = node.deliver(k.bob, createTopic(k.alice), &check);
        QVERIFY(!check.ok());
        QVERIFY(!r.ok());
        QVERIFY(!node.topic(1).has_value());
        QCOMPARE(node.module(em::kEcosystemName), Amount{});
    }

    void registerAndRemoveRegistration() {
        EmNode node(freshPath());
        node.init();
        QVERIFY(node.deliver(k.alice, createTopic(k.alice)).ok());
        const Amount supply = node.supply(), bob = node.balance(k.bob);
        TxResult r = node.deliver(k.bob, registerMsg(k.bob, 1, false));
        QVERIFY2(r.ok(), r.log.c_str());
        QVERIFY(node.registered(1, k.bob, false));
        QVERIFY(!node.registered(1, k.bob, true));
        QCOMPARE(node.balance(k.bob), *bob.sub(A(200 + kTxFee)));
        QCOMPARE(node.module(em::kEcosystemName), A(75000 + 200));
        QCOMPARE(node.revenue(1), A(75200));
        QCOMPARE(node.supply(), supply);

        // Twice, an unknown topic, owner ≠ sender: refused, nothing moves but the tx fee.
        r = node.deliver(k.bob, registerMsg(k.bob, 1, false));
        QCOMPARE(r.code, static_cast<uint32_t>(TxCode::InvalidRequest));
        QVERIFY2(logHas(r, "already registered as a worker"), r.log.c_str());
        r = node.deliver(k.bob, registerMsg(k.bob, 9, true));
        QVERIFY2(logHas(r, "topic 9 does not exist"), r.log.c_str());
        pb::RegisterRequest other;
        other.set_sender(k.bob.address());
        other.set_owner(k.alice.address());
        other.set_topic_id(1);
        r = node.deliver(k.bob, any("RegisterRequest", other));
        QVERIFY2(logHas(r, "must be the sender"), r.log.c_str());
        QCOMPARE(node.module(em::kEcosystemName), A(75200));
        // owner ≠ sender fails before the fee (validateBasic): three tx fees, not four.
        QCOMPARE(node.balance(k.bob), *bob.sub(A(200 + 3 * kTxFee)));

        // A reputer registration is separate; removal works once.
        QVERIFY(node.deliver(k.bob, registerMsg(k.bob, 1, true)).ok());
        QVERIFY(node.registered(1, k.bob, true));
        pb::RemoveRegistrationRequest rm;
        rm.set_sender(k.bob.address());
        rm.set_topic_id(1);
        r = node.deliver(k.bob, any("RemoveRegistrationRequest", rm));
        QVERIFY2(r.ok(), r.log.c_str());
        QVERIFY(!node.registered(1, k.bob, false));
        QVERIFY(node.registered(1, k.bob, true));
        r = node.deliver(k.bob, any("RemoveRegistrationRequest", rm));
        QVERIFY2(logHas(r, "is not registered as a worker"), r.log.c_str());
    }

    void fundTopicIsPayWhatYouWant() {
        EmNode node(freshPath());
        node.init();
        QVERIFY(node.deliver(k.alice, createTopic(k.alice)).ok());
        const Amount supply = node.supply(), bob = node.balance(k.bob);
        TxResult r = node.deliver(k.bob, fundTopic(k.bob, 1, "12345"));
        QVERIFY2(r.ok(), r.log.c_str());
        QVERIFY(hasEvent(r, "emissions.v9.EventTopicFunded", "amount", "12345uallo"));
        QCOMPARE(node.revenue(1), A(75000 + 12345));
        QCOMPARE(node.module(em::kEcosystemName), A(75000 + 12345));
        QCOMPARE(node.balance(k.bob), *bob.sub(A(12345 + kTxFee)));
        QCOMPARE(node.supply(), supply);
        QVERIFY(node.deliver(k.bob, fundTopic(k.bob, 1, "1")).ok());  // any positive amount
        QCOMPARE(node.revenue(1), A(75000 + 12346));

        TxResult check;
        r = node.deliver(k.bob, fundTopic(k.bob, 1, "0"), &check);
        QCOMPARE(check.code, static_cast<uint32_t>(TxCode::InvalidCoins));
        QVERIFY(!r.ok());
        r = node.deliver(k.bob, fundTopic(k.bob, 1, "-5"));
        QVERIFY(!r.ok());
        r = node.deliver(k.bob, fundTopic(k.bob, 2, "5"));
        QVERIFY2(logHas(r, "topic 2 does not exist"), r.log.c_str());
        r = node.deliver(k.bob, fundTopic(k.bob, 1, "100000000000000000000"));  // 100 ALLO > 5
        QCOMPARE(r.code, static_cast<uint32_t>(TxCode::InsufficientFunds));
        QCOMPARE(node.revenue(1), A(75000 + 12346));
        QCOMPARE(node.supply(), supply);
    }

    void topicsPagedAndActivation() {
        EmNode node(freshPath());
        node.init();
        for (int i = 0; i < 3; ++i) QVERIFY(node.deliver(k.alice, createTopic(k.alice)).ok());
        pb::GetTopicsRequest q;
        q.set_limit(2);
        auto page = node.query<pb::GetTopicsResponse>("GetTopics", q);
        QCOMPARE(page.topics_size(), 2);
        QCOMPARE(page.topics(0).id(), uint64_t{1});
        QCOMPARE(page.topics(1).id(), uint64_t{2});
        QCOMPARE(page.next_offset(), uint64_t{2});
        q.set_offset(page.next_offset());
        page = node.query<pb::GetTopicsResponse>("GetTopics", q);
        QCOMPARE(page.topics_size(), 1);
        QCOMPARE(page.topics(0).id(), uint64_t{3});
        QCOMPARE(page.next_offset(), uint64_t{0});
        uint32_t code = 0;
        pb::GetTopicRequest missing;
        missing.set_topic_id(4);
        node.query<pb::GetTopicResponse>("GetTopic", missing, &code);
        QCOMPARE(code, static_cast<uint32_t>(TxCode::InvalidRequest));
        QueryRequest unknown;
        unknown.path = "/emissions.v9.Query/NoSuchThing";
        QCOMPARE(node.app->query(unknown).code, static_cast<uint32_t>(TxCode::UnknownRequest));

        // Stake makes topic 2 weighty enough: it becomes active, the others stay inactive.
        QVERIFY(node.deliver(k.bob, registerMsg(k.bob, 2, true)).ok());
        QVERIFY(!node.active(2));
        QVERIFY(node.deliver(k.bob, addStake(k.bob, 2, "10000")).ok());
        QVERIFY(node.active(2));
        QVERIFY(!node.active(1) && !node.active(3));
    }
};

QTEST_GUILESS_MAIN(TestEmissionsTopics)
#include "test_emissions_topics.moc"
