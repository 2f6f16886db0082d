// The emissions routes of the HTTP API (node/api/lcd_emissions_routes.h) driven through
// Router::dispatch, no sockets, against a real node with the emissions module (lcd_test_node.h):
// a topic created, a worker and a reputer registered, stake added and delegated, the topic funded
// through signed transactions, then every answer read back through the routes: topic, topics
// (paged), active topics, stake, revenue, registrations, delegations, regrets, nonces, a worker's
// signed inference, the latest network inference after the epoch closes; and a 4xx JSON error
// for every malformed path parameter.
#include <boost/json.hpp>

#include "lcd_test_node.h"
#include "node/api/lcd_routes.h"
#include "node/modules/emissions/payloads.h"
#include "node/rpc/url.h"

using namespace lcdtest;
namespace json = boost::json;
using allora::node::rpc::Request;
using allora::node::rpc::Response;
using allora::node::rpc::Router;
using emtest::more;

namespace {

struct Reply {
    unsigned status = 0;
    json::value body;
    std::string text;
    int64_t code() const {
        return body.is_object() && body.as_object().contains("code") ? body.at("code").as_int64()
                                                                     : -1;
    }
    std::string message() const {
        return body.is_object() && body.as_object().contains("message")
                   ? std::string(body.at("message").as_string())
                   : std::string();
    }
    std::string str(std::string_view pointer) const {
        return std::string(body.at_pointer(pointer).as_string());
    }
    const json::value& at(std::string_view pointer) const { return body.at_pointer(pointer); }
};

class Api {
public:
    explicit Api(TestNode& node) : router_(allora::node::api::makeLcdRouter(*node.api)) {}
    Reply get(const std::string& target) {
        Request req;
        req.method = "GET";
        req.target = target;
        req.clientAddress = "127.0.0.1";
        Response r = router_.dispatch(req, {});
        Reply out;
        out.status = r.status;
        out.text = r.body;
        json::error_code ec;
        out.body = json::parse(r.body, ec);
        if (ec) qFatal("invalid JSON from %s: %s", target.c_str(), r.body.c_str());
        return out;
    }
    const Router& router() const { return router_; }

private:
    Router router_;
};

#define EXPECT_OK(reply)                             \
    do {                                             \
        const Reply& r_ = (reply);                   \
        QVERIFY2(r_.status == 200, r_.text.c_str()); \
    } while (0)
#define EXPECT_ERROR(reply, httpStatus, grpcCode, word)                          \
    do {                                                                         \
        const Reply& r_ = (reply);                                               \
        QVERIFY2(r_.status == (httpStatus), r_.text.c_str());                    \
        QVERIFY2(r_.code() == (grpcCode), r_.text.c_str());                      \
        QVERIFY2(r_.message().find(word) != std::string::npos, r_.text.c_str()); \
    } while (0)

std::string a(const Key& k) {
    return k.address();
}

wallet::AnyMessage delegateMsg(const Key& from, const Key& reputer, const std::string& amount) {
    emtest::pb::DelegateStakeRequest m;
    m.set_sender(from.address());
    m.set_topic_id(1);
    m.set_reputer(reputer.address());
    m.set_amount(amount);
    return emtest::any("DelegateStakeRequest", m);
}

wallet::AnyMessage inferenceMsg(const Key& worker, int64_t nonce, const std::string& value) {
    emtest::pb::WorkerDataBundle b;
    b.set_worker(worker.address());
    b.mutable_nonce()->set_block_height(nonce);
    b.set_topic_id(1);
    auto* inf = b.mutable_inference_forecasts_bundle()->mutable_inference();
    inf->set_topic_id(1);
    inf->set_block_height(nonce);
    inf->set_inferer(worker.address());
    inf->set_value(value);
    auto sig = secp256k1::sign(
        worker.account.privateKey,
        allora::node::emissions::workerBundleSignBytes(b.inference_forecasts_bundle()));
    b.set_inferences_forecasts_bundle_signature(std::string(sig->begin(), sig->end()));
    b.set_pubkey(toHex(worker.account.publicKey));
    emtest::pb::InsertWorkerPayloadRequest m;
    m.set_sender(worker.address());
    *m.mutable_worker_data_bundle() = b;
    return emtest::any("InsertWorkerPayloadRequest", m);
}

}  // namespace

class TestLcdEmissionsRoutes : public QObject {
    Q_OBJECT

    const Keys& k = keys();
    std::unique_ptr<TestNode> node_;
    std::unique_ptr<Api> api_;

    // A block with one small transfer: the engine makes blocks only when a tx waits.
    void nextBlock() { QVERIFY(node_->commit(signedSend(k.alice, sendSpec()))); }
    SendSpec sendSpec() {
        SendSpec s;
        s.to = k.bob.address();
        s.amount = "1";
        s.sequence = node_->sequence(k.alice);
        s.accountNumber = node_->accountNumber(k.alice);
        return s;
    }

private Q_SLOTS:
    void initTestCase() {
        initCrypto();
        node_ = std::make_unique<TestNode>(TestNodeOptions{.emissions = true});
        api_ = std::make_unique<Api>(*node_);
        // Topic 1 by alice; w1 a worker, w2 a reputer with 20000 uallo of its own, bob delegates
        // 5000 to w2, alice funds the topic with 1000 uallo (pay what you want). Topic 2 for
        // paging.
        QVERIFY(node_->commitMsgs(k.alice, {emtest::createTopic(k.alice)}));
        QVERIFY(node_->commitMsgs(more().w1, {emtest::registerMsg(more().w1, 1, false)}));
        QVERIFY(node_->commitMsgs(more().w3, {emtest::registerMsg(more().w3, 1, false)}));
        QVERIFY(node_->commitMsgs(more().w2, {emtest::registerMsg(more().w2, 1, true),
                                              emtest::addStake(more().w2, 1, "20000")}));
        QVERIFY(node_->commitMsgs(k.bob, {delegateMsg(k.bob, more().w2, "5000")}));
        QVERIFY(node_->commitMsgs(
            k.alice, {emtest::fundTopic(k.alice, 1, "1000"), emtest::createTopic(k.alice)}));
    }
    void cleanupTestCase() {
        api_.reset();
        node_.reset();
    }

    void everyEmissionsRouteIsAReadOnlyBlockingGet() {
        size_t n = 0;
        for (const auto& route : api_->router().routes()) {
            if (!route.pattern.starts_with("/emissions/v9/")) continue;
            ++n;
            QCOMPARE(route.method, std::string("GET"));
            QVERIFY2(route.options.blocking, route.pattern.c_str());
            QVERIFY2(!route.options.requiresAuth, route.pattern.c_str());
        }
        QVERIFY(n >= 35);
    }

    void paramsAndTopic() {
        Reply p = api_->get("/emissions/v9/params");
        EXPECT_OK(p);
        QCOMPARE(p.str("/params/create_topic_fee"), std::string("75000"));
        QCOMPARE(p.str("/params/min_epoch_length"), std::string("2"));
        EXPECT_OK(api_->get("/emissions/v9/next_topic_id"));
        QCOMPARE(api_->get("/emissions/v9/next_topic_id").str("/next_topic_id"), std::string("3"));

        Reply t = api_->get("/emissions/v9/topics/1");
        EXPECT_OK(t);
        QCOMPARE(t.str("/topic/id"), std::string("1"));
        QCOMPARE(t.str("/topic/creator"), a(k.alice));
        QCOMPARE(t.str("/topic/metadata"), std::string("ETH 10min prediction"));
        QCOMPARE(t.str("/topic/epoch_length"), std::string("5"));
        QCOMPARE(t.str("/stake"), std::string("25000"));
        // creation fee + two worker and one reputer registration fees + the funding
        // At most what was paid in (the revenue drips away epoch by epoch).
        const std::string revenue = t.str("/effective_revenue");
        QVERIFY2(std::stoull(revenue) > 0 && std::stoull(revenue) <= 76600, revenue.c_str());
        QVERIFY(t.at("/active").as_bool());
        QVERIFY(std::stod(t.str("/weight")) > 100);
        EXPECT_OK(api_->get("/emissions/v9/topic_fee_revenue/1"));
        QCOMPARE(api_->get("/emissions/v9/topic_fee_revenue/1").str("/fee_revenue"), revenue);
        QCOMPARE(api_->get("/emissions/v9/stake/1").str("/amount"), std::string("25000"));
        QVERIFY(api_->get("/emissions/v9/topic_exists/2").at("/exists").as_bool());
        QVERIFY(!api_->get("/emissions/v9/topic_exists/3").at("/exists").as_bool());
        QVERIFY(api_->get("/emissions/v9/is_topic_active/1").at("/is_active").as_bool());
        QVERIFY(!api_->get("/emissions/v9/is_topic_active/2").at("/is_active").as_bool());

        EXPECT_ERROR(api_->get("/emissions/v9/topics/3"), 404u, 5, "topic 3 does not exist");
        EXPECT_ERROR(api_->get("/emissions/v9/topics/abc"), 400u, 3, "topic_id");
        EXPECT_ERROR(api_->get("/emissions/v9/topics/-1"), 400u, 3, "topic_id");
        EXPECT_ERROR(api_->get("/emissions/v9/topics/99999999999999999999999"), 400u, 3,
                     "topic_id");
    }

    void topicsArePagedAndActiveTopicsListed() {
        Reply all = api_->get("/emissions/v9/topics");
        EXPECT_OK(all);
        QCOMPARE(all.at("/topics").as_array().size(), size_t{2});
        QVERIFY(all.at("/pagination/next_key").is_null());
        QCOMPARE(all.str("/pagination/total"), std::string("2"));

        Reply first = api_->get("/emissions/v9/topics?pagination.limit=1");
        EXPECT_OK(first);
        QCOMPARE(first.at("/topics").as_array().size(), size_t{1});
        QCOMPARE(first.str("/topics/0/id"), std::string("1"));
        const std::string key = first.str("/pagination/next_key");
        Reply second = api_->get("/emissions/v9/topics?pagination.limit=1&pagination.key=" +
                                 allora::node::rpc::percentEncode(key));
        EXPECT_OK(second);
        QCOMPARE(second.at("/topics").as_array().size(), size_t{1});
        QCOMPARE(second.str("/topics/0/id"), std::string("2"));
        QVERIFY(second.at("/pagination/next_key").is_null());

        EXPECT_ERROR(api_->get("/emissions/v9/topics?pagination.key=%21%21"), 400u, 3,
                     "pagination.key");
        EXPECT_ERROR(api_->get("/emissions/v9/topics?pagination.limit=0"), 400u, 3,
                     "pagination.limit");
        EXPECT_ERROR(api_->get("/emissions/v9/topics?pagination.limit=x"), 400u, 3,
                     "pagination.limit");

        Reply active = api_->get("/emissions/v9/active_topics");
        EXPECT_OK(active);
        QCOMPARE(active.at("/topics").as_array().size(), size_t{1});
        QCOMPARE(active.str("/topics/0/id"), std::string("1"));
    }

    void registrationsStakeAndDelegations() {
        const std::string w1 = a(more().w1), w2 = a(more().w2), bob = a(k.bob);
        Reply workers = api_->get("/emissions/v9/topics/1/workers");
        EXPECT_OK(workers);
        QCOMPARE(workers.at("/workers").as_array().size(), size_t{2});
        Reply reputers = api_->get("/emissions/v9/topics/1/reputers");
        EXPECT_OK(reputers);
        QCOMPARE(reputers.at("/reputers").as_array().size(), size_t{1});
        QCOMPARE(reputers.str("/reputers/0/address"), w2);
        QCOMPARE(reputers.str("/reputers/0/stake"), std::string("20000"));
        QCOMPARE(reputers.str("/reputers/0/delegated_stake"), std::string("5000"));
        EXPECT_ERROR(api_->get("/emissions/v9/topics/7/workers"), 404u, 5, "does not exist");

        QVERIFY(
            api_->get("/emissions/v9/worker_registered/1/" + w1).at("/is_registered").as_bool());
        QVERIFY(
            !api_->get("/emissions/v9/reputer_registered/1/" + w1).at("/is_registered").as_bool());
        QVERIFY(
            api_->get("/emissions/v9/reputer_registered/1/" + w2).at("/is_registered").as_bool());

        QCOMPARE(api_->get("/emissions/v9/reputer_stake/" + w2 + "/1").str("/amount"),
                 std::string("20000"));
        QCOMPARE(api_->get("/emissions/v9/reputer_delegate_stake/" + w2 + "/1").str("/amount"),
                 std::string("5000"));
        QCOMPARE(api_->get("/emissions/v9/stake_reputer_authority/1/" + w2).str("/authority"),
                 std::string("25000"));
        QCOMPARE(api_->get("/emissions/v9/delegate_stake/" + bob + "/" + w2 + "/1").str("/amount"),
                 std::string("5000"));
        QCOMPARE(api_->get("/emissions/v9/delegate_stake/" + bob + "/1").str("/amount"),
                 std::string("5000"));
        Reply positions = api_->get("/emissions/v9/delegator_positions/" + bob + "/1");
        EXPECT_OK(positions);
        QCOMPARE(positions.at("/positions").as_array().size(), size_t{1});
        QCOMPARE(positions.str("/positions/0/reputer"), w2);
        QCOMPARE(positions.str("/positions/0/amount"), std::string("5000"));
        QCOMPARE(positions.str("/positions/0/pending_reward"), std::string("0"));
        QCOMPARE(api_->get("/emissions/v9/delegator_positions/" + w1 + "/1")
                     .at("/positions")
                     .as_array()
                     .size(),
                 size_t{0});
        QCOMPARE(
            api_->get("/emissions/v9/delegate_reward_pending/1/" + bob + "/" + w2).str("/amount"),
            std::string("0"));
        EXPECT_OK(api_->get("/emissions/v9/delegate_reward_per_share/1/" + w2));
        QCOMPARE(api_->get("/emissions/v9/listening_coefficient/1/" + w2).str("/coefficient"),
                 std::string("1"));

        EXPECT_ERROR(api_->get("/emissions/v9/stake_removal/1/" + w2), 404u, 5, "no pending");
        EXPECT_ERROR(api_->get("/emissions/v9/delegate_stake_removal/1/" + bob + "/" + w2), 404u, 5,
                     "no pending");

        // Malformed addresses name the parameter; nothing reaches the chain.
        EXPECT_ERROR(api_->get("/emissions/v9/worker_registered/1/allo1nope"), 400u, 3, "address");
        EXPECT_ERROR(api_->get("/emissions/v9/reputer_stake/cosmos1xyz/1"), 400u, 3, "address");
        EXPECT_ERROR(api_->get("/emissions/v9/delegate_stake/" + bob + "/" + w2 + "/x"), 400u, 3,
                     "topic_id");
        EXPECT_ERROR(api_->get("/emissions/v9/stake_reputer_authority/1/bad"), 400u, 3, "reputer");
    }

    void regretsAndScores() {
        const std::string w1 = a(more().w1), w3 = a(more().w3);
        Reply r = api_->get("/emissions/v9/inferer_network_regret/1/" + w1);
        EXPECT_OK(r);
        QVERIFY(!r.at("/stored").as_bool());
        QCOMPARE(r.str("/regret"), std::string("0"));  // the topic's initial regret
        EXPECT_OK(api_->get("/emissions/v9/forecaster_network_regret/1/" + w1));
        EXPECT_OK(api_->get("/emissions/v9/network_regret/1/naive_inferer/" + w1));
        EXPECT_OK(api_->get("/emissions/v9/network_regret/1/one_out_inferer_inferer/" + w1 +
                            "?withheld=" + w3));
        EXPECT_ERROR(api_->get("/emissions/v9/network_regret/1/sideways/" + w1), 400u, 3,
                     "unknown regret family");
        EXPECT_ERROR(api_->get("/emissions/v9/network_regret/1/inferer/" + w1 + "?withheld=zz"),
                     400u, 3, "withheld");
        EXPECT_ERROR(api_->get("/emissions/v9/inferer_network_regret/9/" + w1), 400u, 3,
                     "does not exist");
        Reply scores = api_->get("/emissions/v9/scores/1/5");
        EXPECT_OK(scores);
        QVERIFY(scores.at("/inferer_scores").is_array());
        EXPECT_ERROR(api_->get("/emissions/v9/scores/1/9223372036854775808"), 400u, 3,
                     "block_height");
        QCOMPARE(api_->get("/emissions/v9/inferer_score_ema/1/" + w1).str("/score"),
                 std::string("0"));
        EXPECT_ERROR(api_->get("/emissions/v9/network_loss/1/5"), 404u, 5, "no network losses");
    }

    void aWorkerInferenceAndTheLatestNetworkInference() {
        EXPECT_ERROR(api_->get("/emissions/v9/latest_network_inferences/1"), 404u, 5,
                     "no network inference");
        EXPECT_ERROR(api_->get("/emissions/v9/latest_network_inferences/x"), 400u, 3, "topic_id");
        // Blocks until topic 1 opens a worker nonce.
        int64_t nonce = 0;
        for (int i = 0; i < 20 && nonce == 0; ++i) {
            Reply n = api_->get("/emissions/v9/unfulfilled_worker_nonces/1");
            EXPECT_OK(n);
            const auto& list = n.at("/nonces/nonces").as_array();
            if (!list.empty())
                nonce = std::stoll(std::string(list.back().at("block_height").as_string()));
            else
                nextBlock();
        }
        QVERIFY(nonce > 0);
        QVERIFY(node_->commitMsgs(more().w1, {inferenceMsg(more().w1, nonce, "3.25")}));
        QVERIFY(node_->commitMsgs(more().w3, {inferenceMsg(more().w3, nonce, "2.75")}));

        Reply infs = api_->get("/emissions/v9/inferences/1/" + std::to_string(nonce));
        EXPECT_OK(infs);
        QCOMPARE(infs.at("/inferences").as_array().size(), size_t{2});
        Reply latest =
            api_->get("/emissions/v9/topics/1/workers/" + a(more().w1) + "/latest_inference");
        EXPECT_OK(latest);
        QCOMPARE(latest.str("/latest_inference/value"), std::string("3.25"));
        EXPECT_ERROR(
            api_->get("/emissions/v9/topics/1/workers/" + a(more().w2) + "/latest_inference"), 404u,
            5, "no inference");
        QCOMPARE(api_->get("/emissions/v9/forecasts/1/" + std::to_string(nonce))
                     .at("/forecasts")
                     .as_array()
                     .size(),
                 size_t{0});

        // The worker window closes within the topic's submission window: the synthesis runs.
        Reply net;
        for (int i = 0; i < 20; ++i) {
            net = api_->get("/emissions/v9/latest_network_inferences/1");
            if (net.status == 200) break;
            nextBlock();
        }
        EXPECT_OK(net);
        QCOMPARE(net.str("/inference_block_height"), std::to_string(nonce));
        QCOMPARE(net.str("/network_inferences/topic_id"), std::string("1"));
        const double combined = std::stod(net.str("/network_inferences/combined_value"));
        QVERIFY2(combined >= 2.75 && combined <= 3.25, net.text.c_str());
        QVERIFY(!net.str("/network_inferences/naive_value").empty());
        const auto& values = net.at("/network_inferences/inferer_values").as_array();
        QCOMPARE(values.size(), size_t{2});
        bool sawW1 = false;
        for (const auto& v : values)
            if (v.at("worker").as_string() == a(more().w1)) {
                sawW1 = true;
                QCOMPARE(std::string(v.at("value").as_string()), std::string("3.25"));
            }
        QVERIFY(sawW1);
        QVERIFY(net.at("/inferer_weights").is_array());
        for (const auto& w : net.at("/inferer_weights").as_array()) {
            QVERIFY(w.as_object().contains("worker"));
            QVERIFY(w.as_object().contains("weight"));
        }
        QVERIFY(net.at("/forecaster_weights").is_array());
        QVERIFY(net.at("/forecast_implied_inferences").is_array());
        QCOMPARE(net.at("/confidence_interval_values").as_array().size(),
                 net.at("/confidence_interval_raw_percentiles").as_array().size());
        // The nonce moved on to the reputers.
        Reply rn = api_->get("/emissions/v9/unfulfilled_reputer_nonces/1");
        EXPECT_OK(rn);
        bool reputerOpen = false;
        for (const auto& n : rn.at("/nonces/nonces").as_array())
            reputerOpen = reputerOpen || n.at_pointer("/reputer_nonce/block_height").as_string() ==
                                             std::to_string(nonce);
        QVERIFY(reputerOpen);
    }

    // Runs after the latest network inference above: topic 1's first epoch is in its history.
    void topicHistoryAndNetworkInferencesAtBlock() {
        Reply h = api_->get("/emissions/v9/topics/1/history");
        EXPECT_OK(h);
        const auto& records = h.at("/records").as_array();
        QCOMPARE(records.size(), size_t{1});
        QCOMPARE(h.str("/next_before_block_height"), std::string("0"));
        Reply net = api_->get("/emissions/v9/latest_network_inferences/1");
        EXPECT_OK(net);
        const std::string nonce = net.str("/inference_block_height");
        QCOMPARE(h.str("/records/0/topic_id"), std::string("1"));
        QCOMPARE(h.str("/records/0/block_height"), nonce);
        QCOMPARE(h.str("/records/0/network_inference"),
                 net.str("/network_inferences/combined_value"));
        QCOMPARE(h.str("/records/0/naive_inference"), net.str("/network_inferences/naive_value"));
        QCOMPARE(h.at("/records/0/inferers").as_array().size(), size_t{2});
        for (const auto& w : h.at("/records/0/inferers").as_array()) {
            const json::object& o = w.as_object();
            for (const char* f : {"worker", "value", "weight", "regret", "score"})
                QVERIFY2(o.contains(f), f);
            QCOMPARE(std::string(o.at("regret").as_string()), std::string());  // not closed yet
        }
        QCOMPARE(h.str("/records/0/network_loss"), std::string());
        QCOMPARE(h.str("/records/0/closed_at_block"), std::string("0"));
        // Paging words: a page that starts below the epoch is empty; limit 1 is one record.
        Reply below = api_->get("/emissions/v9/topics/1/history?before=" + nonce + "&limit=1");
        EXPECT_OK(below);
        QCOMPARE(below.at("/records").as_array().size(), size_t{0});
        Reply one = api_->get("/emissions/v9/topics/1/history?limit=1&before=" +
                              std::to_string(std::stoll(nonce) + 1));
        EXPECT_OK(one);
        QCOMPARE(one.str("/records/0/block_height"), nonce);
        QCOMPARE(api_->get("/emissions/v9/topics/2/history").at("/records").as_array().size(),
                 size_t{0});
        EXPECT_ERROR(api_->get("/emissions/v9/topics/9/history"), 404u, 5,
                     "topic 9 does not exist");
        EXPECT_ERROR(api_->get("/emissions/v9/topics/0/history"), 400u, 3, "topic_id");
        EXPECT_ERROR(api_->get("/emissions/v9/topics/1/history?limit=0"), 400u, 3, "limit");
        EXPECT_ERROR(api_->get("/emissions/v9/topics/1/history?limit=1001"), 400u, 3, "limit");
        EXPECT_ERROR(api_->get("/emissions/v9/topics/1/history?limit=ten"), 400u, 3, "limit");
        EXPECT_ERROR(api_->get("/emissions/v9/topics/1/history?before=-3"), 400u, 3, "before");

        // The same epoch's network inferences by height, allora-chain's route.
        Reply at = api_->get("/emissions/v9/network_inferences/1/last_inference/" + nonce);
        EXPECT_OK(at);
        QCOMPARE(at.str("/network_inferences/block_height"), nonce);
        QCOMPARE(at.str("/network_inferences/combined_value"),
                 net.str("/network_inferences/combined_value"));
        QCOMPARE(at.at("/network_inferences/inferer_values").as_array().size(), size_t{2});
        EXPECT_ERROR(api_->get("/emissions/v9/network_inferences/1/last_inference/" +
                               std::to_string(std::stoll(nonce) + 1)),
                     404u, 5, "no network inferences");
        EXPECT_ERROR(api_->get("/emissions/v9/network_inferences/1/last_inference/x"), 400u, 3,
                     "block_height_last_inference");
    }
};

QTEST_GUILESS_MAIN(TestLcdEmissionsRoutes)
#include "test_lcd_emissions_routes.moc"
