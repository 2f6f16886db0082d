// Shared by the emissions tests (test_emissions_topics, _stake, _payloads): the chain fixture of
// test_chain_fixture.h with the emissions module registered, a genesis with small emissions
// params and more funded keys, signed emissions transactions delivered through checkTx,
// finalizeBlock and commit, and typed queries.
#pragma once

#include "allora/emissions/v9/query.pb.h"
#include "allora/emissions/v9/tx.pb.h"
#include "node/modules/emissions/keeper.h"
#include "node/modules/emissions/module.h"
#include "node/modules/proto_util.h"
#include "test_chain_fixture.h"

namespace emtest {

using namespace chaintest;
namespace pb = ::emissions::v9;
namespace em = allora::node::emissions;

inline constexpr uint64_t kTxGas = 400'000;
inline constexpr uint64_t kTxFee = 4'000'000;  // 10 uallo × gas

// Workers and reputers beyond the chain fixture's keys: w1..w3 (index 5..7), each 100 ALLO.
struct MoreKeys {
    Key w1 = key(5), w2 = key(6), w3 = key(7);
};
inline const MoreKeys& more() {
    static const MoreKeys k;
    return k;
}

inline const char* kEmissionsGenesis = R"({"params": {
    "remove_stake_delay_window": 3, "min_epoch_length": 2, "create_topic_fee": "75000",
    "registration_fee": "200", "data_sending_fee": "10", "required_minimum_stake": "10000",
    "min_topic_weight": "100", "max_elements_per_forecast": 2}})";

inline Genesis emissionsGenesis() {
    Genesis g = devnetGenesis();
    for (const Key* k : {&more().w1, &more().w2, &more().w3}) {
        g.accounts.push_back({k->address(), std::nullopt});
        g.balances.push_back({k->address(), coins("100000000000000000000")});
    }
    g.moduleStates["emissions"] = kEmissionsGenesis;
    return g;
}

struct EmNode : Node {
    std::shared_ptr<const em::EmissionsKeeper> keeper;
    explicit EmNode(std::string file) : Node(std::move(file)) {
        keeper = em::registerEmissionsModule(*app);
    }
    void init() { Node::init(emissionsGenesis()); }

    Amount balanceOf(ByteSpan address) const {
        KvStoreView view(*app);
        return *app->bankKeeper().balance(view.kv, address, "uallo");
    }
    Amount module(std::string_view name) const { return balanceOf(moduleAddress(name)); }

    // Signs one tx of `msgs` from `from` with its current sequence, checks it, and delivers it
    // alone in the next block. Returns the block's result; `check` gets the checkTx result.
    TxResult deliver(const Key& from, std::vector<wallet::AnyMessage> msgs,
                     TxResult* check = nullptr) {
        wallet::TxSpec spec;
        spec.messages = std::move(msgs);
        spec.fee.amount = {{"uallo", std::to_string(kTxFee)}};
        spec.fee.gasLimit = kTxGas;
        spec.signerPublicKey = from.account.publicKey;
        spec.sequence = sequence(from);
        auto tx = wallet::buildTx(spec);
        if (!tx) qFatal("buildTx: %s", tx.message().c_str());
        const Bytes raw = tx->toTxRaw(signTx(from, *tx, kChainId, accountNumber(from)));
        CheckTxResult c = app->checkTx(raw, CheckTxMode::New);
        if (check != nullptr) *check = c.result;
        FinalizeBlockResponse r = block({raw});
        return r.txResults.at(0);
    }
    TxResult deliver(const Key& from, const wallet::AnyMessage& msg, TxResult* check = nullptr) {
        return deliver(from, std::vector<wallet::AnyMessage>{msg}, check);
    }
    // Empty blocks until the committed height is `h`.
    void advanceTo(uint64_t h) {
        while (height() < h) block({});
    }

    template <typename Resp>
    Resp query(const std::string& name, const google::protobuf::MessageLite& req,
               uint32_t* code = nullptr) const {
        QueryRequest q;
        q.path = "/emissions.v9.Query/" + name;
        q.data = allora::node::toBytes(req);
        QueryResponse r = app->query(q);
        if (code != nullptr) *code = r.code;
        Resp out;
        if (r.code == 0) out.ParseFromArray(r.value.data(), static_cast<int>(r.value.size()));
        return out;
    }
    Amount topicStake(uint64_t id) const {
        pb::GetTopicStakeRequest q;
        q.set_topic_id(id);
        return *Amount::parse(query<pb::GetTopicStakeResponse>("GetTopicStake", q).amount());
    }
    Amount revenue(uint64_t id) const {
        pb::GetTopicFeeRevenueRequest q;
        q.set_topic_id(id);
        auto r = query<pb::GetTopicFeeRevenueResponse>("GetTopicFeeRevenue", q);
        return *Amount::parse(r.fee_revenue());
    }
    std::optional<pb::Topic> topic(uint64_t id) const {
        pb::GetTopicRequest q;
        q.set_topic_id(id);
        uint32_t code = 0;
        auto r = query<pb::GetTopicResponse>("GetTopic", q, &code);
        if (code != 0) return std::nullopt;
        return r.topic();
    }
    bool registered(uint64_t id, const Key& k, bool reputer) const {
        pb::IsWorkerRegisteredInTopicIdRequest q;
        q.set_topic_id(id);
        q.set_address(k.address());
        return query<pb::IsWorkerRegisteredInTopicIdResponse>(
                   reputer ? "IsReputerRegisteredInTopicId" : "IsWorkerRegisteredInTopicId", q)
            .is_registered();
    }
    bool active(uint64_t id) const {
        auto r =
            query<pb::GetActiveTopicsResponse>("GetActiveTopics", pb::GetActiveTopicsRequest{});
        for (const auto& t : r.topics())
            if (t.id() == id) return true;
        return false;
    }
    Hash256 appHash() const { return app->info().lastBlockAppHash; }
};

template <typename Msg>
wallet::AnyMessage any(const std::string& name, const Msg& msg) {
    return wallet::AnyMessage{"/emissions.v9." + name, allora::node::toBytes(msg)};
}

inline pb::CreateNewTopicRequest topicMsg(const Key& creator) {
    pb::CreateNewTopicRequest m;
    m.set_creator(creator.address());
    m.set_metadata("ETH 10min prediction");
    m.set_loss_method("mse");
    m.set_epoch_length(5);
    m.set_ground_truth_lag(5);
    m.set_p_norm("3");
    m.set_alpha_regret("0.1");
    m.set_allow_negative(true);
    m.set_epsilon("0.01");
    m.set_worker_submission_window(3);
    m.set_merit_sortition_alpha("0.1");
    m.set_active_inferer_quantile("0.25");
    m.set_active_forecaster_quantile("0.25");
    m.set_active_reputer_quantile("0.25");
    return m;
}

inline wallet::AnyMessage createTopic(const Key& creator) {
    return any("CreateNewTopicRequest", topicMsg(creator));
}
inline wallet::AnyMessage registerMsg(const Key& k, uint64_t topic, bool reputer) {
    pb::RegisterRequest m;
    m.set_sender(k.address());
    m.set_owner(k.address());
    m.set_topic_id(topic);
    m.set_is_reputer(reputer);
    return any("RegisterRequest", m);
}
inline wallet::AnyMessage addStake(const Key& k, uint64_t topic, const std::string& amount) {
    pb::AddStakeRequest m;
    m.set_sender(k.address());
    m.set_topic_id(topic);
    m.set_amount(amount);
    return any("AddStakeRequest", m);
}
inline wallet::AnyMessage fundTopic(const Key& k, uint64_t topic, const std::string& amount) {
    pb::FundTopicRequest m;
    m.set_sender(k.address());
    m.set_topic_id(topic);
    m.set_amount(amount);
    return any("FundTopicRequest", m);
}

inline Amount A(uint64_t v) {
    return Amount::fromUallo(v);
}
inline Amount sum(std::initializer_list<Amount> xs) {
    Amount s;
    for (const Amount& x : xs) s = *s.add(x);
    return s;
}

}  // namespace emtest
