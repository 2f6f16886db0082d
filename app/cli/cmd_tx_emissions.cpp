// `allora-cli tx emissions …`: the emissions module's transactions with allorad's argument shapes
// (allora-chain's autocli), each checked word by word (emissions_args.h) and then sent through the
// shared sign-and-broadcast path (tx_flow.h). The payload commands read the bundle from a file or
// stdin, fill in the worker / reputer and nonce, and sign the bundle with the same key that signs
// the transaction.
#include <boost/json.hpp>
#include <iostream>

#include "allora/emissions/v9/tx.pb.h"
#include "app/cli/cmd_keys.h"
#include "app/cli/cmd_tx.h"
#include "app/cli/emissions_args.h"
#include "app/cli/tx_flow.h"
#include "core/encoding.h"
#include "node/modules/emissions/payloads.h"
#include "node/modules/proto_util.h"
#include "wallet/tx_document.h"

namespace allora::cli {
namespace json = boost::json;
namespace {

// Emissions messages do more state work than a transfer (registrations, stake accounting,
// payload records): a larger default limit; the fee follows from it.
constexpr uint64_t kEmissionsGas = 400'000;

constexpr std::string_view kHelp = R"(Usage: allora-cli tx emissions COMMAND ARGS [flags]

The emissions module's transactions (the commands and argument order of `allorad tx emissions`).
SENDER is the keyring key that signs (with --generate-only, its address, except for payloads).
AMOUNT is an integer of uallo as allorad takes it (1000) or has a denom (1000uallo, 1.5ALLO).

Commands:
  create-topic CREATOR METADATA LOSS_METHOD EPOCH_LENGTH GROUND_TRUTH_LAG
               WORKER_SUBMISSION_WINDOW P_NORM ALPHA_REGRET ALLOW_NEGATIVE EPSILON
               MERIT_SORTITION_ALPHA ACTIVE_INFERER_QUANTILE ACTIVE_FORECASTER_QUANTILE
               ACTIVE_REPUTER_QUANTILE [ENABLE_WORKER_WHITELIST ENABLE_REPUTER_WHITELIST]
        Create a topic (the create_topic_fee param is charged). Lengths are in blocks;
        e.g. create-topic alice "ETH 10min" mse 12 12 6 3 0.1 true 0.01 0.1 0.25 0.25 0.25
  register SENDER TOPIC_ID OWNER IS_REPUTER
        Register SENDER in the topic as a worker (IS_REPUTER false) or reputer (true); OWNER
        must be SENDER's address. The registration_fee param is charged.
  remove-registration SENDER TOPIC_ID IS_REPUTER
  add-stake SENDER TOPIC_ID AMOUNT            a registered reputer stakes on itself
  remove-stake SENDER TOPIC_ID AMOUNT         starts a removal (completes after the delay)
  cancel-remove-stake SENDER TOPIC_ID
  delegate-stake SENDER TOPIC_ID REPUTER AMOUNT
  remove-delegate-stake SENDER TOPIC_ID REPUTER AMOUNT
  cancel-remove-delegate-stake SENDER TOPIC_ID REPUTER
  reward-delegate-stake SENDER TOPIC_ID REPUTER     claim the pending delegator reward
  fund-topic SENDER TOPIC_ID AMOUNT           pay what you want: any positive amount raises
                                              the topic's revenue and weight
  insert-worker-payload SENDER FILE|-
        Submit an inference and/or forecast. FILE (or stdin for -) holds allora-chain's
        WorkerDataBundle JSON without worker, signature and pubkey, e.g.
          {"topic_id": 1, "nonce": {"block_height": 120},
           "inference_forecasts_bundle": {"inference": {"value": "3.2"},
             "forecast": {"forecast_elements": [{"inferer": "allo1...", "value": "0.1"}]}}}
        Without "nonce", the newest open worker nonce of the topic (from the node) is used.
        The bundle is signed with SENDER's key, which must be the worker's.
  insert-reputer-payload SENDER FILE|-
        Submit a reputer's losses: allora-chain's ValueBundle JSON (or {"value_bundle": ...})
        without reputer, signature and pubkey:
          {"topic_id": 1, "reputer_request_nonce": {"reputer_nonce": {"block_height": 120}},
           "combined_value": "-2.1", "naive_value": "-1.9",
           "inferer_values": [{"worker": "allo1...", "value": "-2.0"}], ...}
        Without the nonce, the oldest open reputer nonce of the topic is used.

Flags: those of 'tx bank send' (--fees, --gas [default 400000], --memo, --yes, --wait,
--generate-only, --offline, --account-number, --sequence) and the node flags; see
'allora-cli tx --help'. A payload read from stdin cannot share it with a key password: use a
file, or the test keyring backend.

Exit status: 0 success; 1 failure (node unreachable, tx rejected or failed, key not found,
wrong password); 2 invalid usage or input (a bad TOPIC_ID, address, amount, boolean,
decimal or payload document), in which case nothing is signed or sent.
)";

using Words = std::vector<std::string>;
using Messages = Result<std::vector<wallet::AnyMessage>>;

template <typename Msg>
wallet::AnyMessage any(const std::string& name, const Msg& msg) {
    return wallet::AnyMessage{"/emissions.v9." + name, node::toBytes(msg)};
}

int sendTx(CliContext& ctx, const std::string& from, std::vector<std::string> description,
           std::function<Messages(TxSigner&, const NodeClient*)> build,
           bool messagesNeedKey = false) {
    TxCommand c;
    c.from = from;
    c.defaultGas = kEmissionsGas;
    c.messagesNeedKey = messagesNeedKey;
    c.description = std::move(description);
    c.build = std::move(build);
    return runSignedTx(ctx, c);
}

std::string topicText(uint64_t id) {
    return "topic " + std::to_string(id);
}

int createTopic(CliContext& ctx, const Words& w) {
    auto msg = parseCreateTopicArgs(Words(w.begin() + 1, w.end()));
    if (!msg) return reportError(msg.error());
    return sendTx(ctx, w[0],
                  {"create topic \"" + msg->metadata() + "\" (" + msg->loss_method() + ")"},
                  [m = *msg](TxSigner& s, const NodeClient*) mutable -> Messages {
                      m.set_creator(s.address());
                      return std::vector{any("CreateNewTopicRequest", m)};
                  });
}

int registerActor(CliContext& ctx, const Words& w) {
    auto topic = parseTopicIdArg(w[1]);
    if (!topic) return reportError(topic.error());
    auto owner = parseAddressArg(w[2], "OWNER");
    if (!owner) return reportError(owner.error());
    auto reputer = parseBoolArg(w[3], "IS_REPUTER");
    if (!reputer) return reportError(reputer.error());
    return sendTx(ctx, w[0],
                  {std::string("register as a ") + (*reputer ? "reputer" : "worker") + " in " +
                   topicText(*topic)},
                  [&](TxSigner& s, const NodeClient*) -> Messages {
                      if (*owner != s.address())
                          return makeError(
                              ErrorCode::InvalidArgument,
                              "OWNER " + *owner + " must be SENDER's address " + s.address());
                      empb::RegisterRequest m;
                      m.set_sender(s.address());
                      m.set_topic_id(*topic);
                      m.set_owner(*owner);
                      m.set_is_reputer(*reputer);
                      return std::vector{any("RegisterRequest", m)};
                  });
}

int removeRegistration(CliContext& ctx, const Words& w) {
    auto topic = parseTopicIdArg(w[1]);
    if (!topic) return reportError(topic.error());
    auto reputer = parseBoolArg(w[2], "IS_REPUTER");
    if (!reputer) return reportError(reputer.error());
    return sendTx(ctx, w[0],
                  {std::string("remove the ") + (*reputer ? "reputer" : "worker") +
                   " registration in " + topicText(*topic)},
                  [&](TxSigner& s, const NodeClient*) -> Messages {
                      empb::RemoveRegistrationRequest m;
                      m.set_sender(s.address());
                      m.set_topic_id(*topic);
                      m.set_is_reputer(*reputer);
                      return std::vector{any("RemoveRegistrationRequest", m)};
                  });
}

// add-stake, remove-stake, fund-topic: SENDER TOPIC_ID AMOUNT.
template <typename Msg>
int topicAmount(CliContext& ctx, const Words& w, const std::string& name, const std::string& verb) {
    auto topic = parseTopicIdArg(w[1]);
    if (!topic) return reportError(topic.error());
    auto amount = parseStakeAmountArg(w[2], "AMOUNT");
    if (!amount) return reportError(amount.error());
    return sendTx(ctx, w[0],
                  {verb + " " + wallet::formatCoins({{"uallo", amount->toUalloString()}}) + ", " +
                   topicText(*topic)},
                  [&](TxSigner& s, const NodeClient*) -> Messages {
                      Msg m;
                      m.set_sender(s.address());
                      m.set_topic_id(*topic);
                      m.set_amount(amount->toUalloString());
                      return std::vector{any(name, m)};
                  });
}

int addStake(CliContext& ctx, const Words& w) {
    return topicAmount<empb::AddStakeRequest>(ctx, w, "AddStakeRequest", "add stake");
}
int removeStake(CliContext& ctx, const Words& w) {
    return topicAmount<empb::RemoveStakeRequest>(ctx, w, "RemoveStakeRequest", "remove stake");
}
int fundTopic(CliContext& ctx, const Words& w) {
    return topicAmount<empb::FundTopicRequest>(ctx, w, "FundTopicRequest", "fund");
}

int cancelRemoveStake(CliContext& ctx, const Words& w) {
    auto topic = parseTopicIdArg(w[1]);
    if (!topic) return reportError(topic.error());
    return sendTx(ctx, w[0], {"cancel the pending stake removal in " + topicText(*topic)},
                  [&](TxSigner& s, const NodeClient*) -> Messages {
                      empb::CancelRemoveStakeRequest m;
                      m.set_sender(s.address());
                      m.set_topic_id(*topic);
                      return std::vector{any("CancelRemoveStakeRequest", m)};
                  });
}

// delegate-stake, remove-delegate-stake: SENDER TOPIC_ID REPUTER AMOUNT.
template <typename Msg>
int delegation(CliContext& ctx, const Words& w, const std::string& name, const std::string& verb) {
    auto topic = parseTopicIdArg(w[1]);
    if (!topic) return reportError(topic.error());
    auto reputer = parseAddressArg(w[2], "REPUTER");
    if (!reputer) return reportError(reputer.error());
    auto amount = parseStakeAmountArg(w[3], "AMOUNT");
    if (!amount) return reportError(amount.error());
    return sendTx(ctx, w[0],
                  {verb + " " + wallet::formatCoins({{"uallo", amount->toUalloString()}}) +
                   " on reputer " + *reputer + ", " + topicText(*topic)},
                  [&](TxSigner& s, const NodeClient*) -> Messages {
                      Msg m;
                      m.set_sender(s.address());
                      m.set_topic_id(*topic);
                      m.set_reputer(*reputer);
                      m.set_amount(amount->toUalloString());
                      return std::vector{any(name, m)};
                  });
}

int delegateStake(CliContext& ctx, const Words& w) {
    return delegation<empb::DelegateStakeRequest>(ctx, w, "DelegateStakeRequest", "delegate");
}
int removeDelegateStake(CliContext& ctx, const Words& w) {
    return delegation<empb::RemoveDelegateStakeRequest>(ctx, w, "RemoveDelegateStakeRequest",
                                                        "remove delegated stake");
}

int cancelRemoveDelegateStake(CliContext& ctx, const Words& w) {
    auto topic = parseTopicIdArg(w[1]);
    if (!topic) return reportError(topic.error());
    auto reputer = parseAddressArg(w[2], "REPUTER");
    if (!reputer) return reportError(reputer.error());
    return sendTx(
        ctx, w[0],
        {"cancel the pending removal of stake delegated to " + *reputer + ", " + topicText(*topic)},
        [&](TxSigner& s, const NodeClient*) -> Messages {
            empb::CancelRemoveDelegateStakeRequest m;
            m.set_sender(s.address());
            m.set_topic_id(*topic);
            m.set_delegator(s.address());
            m.set_reputer(*reputer);
            return std::vector{any("CancelRemoveDelegateStakeRequest", m)};
        });
}

int rewardDelegateStake(CliContext& ctx, const Words& w) {
    auto topic = parseTopicIdArg(w[1]);
    if (!topic) return reportError(topic.error());
    auto reputer = parseAddressArg(w[2], "REPUTER");
    if (!reputer) return reportError(reputer.error());
    return sendTx(ctx, w[0],
                  {"claim the reward of stake delegated to " + *reputer + ", " + topicText(*topic)},
                  [&](TxSigner& s, const NodeClient*) -> Messages {
                      empb::RewardDelegateStakeRequest m;
                      m.set_sender(s.address());
                      m.set_topic_id(*topic);
                      m.set_reputer(*reputer);
                      return std::vector{any("RewardDelegateStakeRequest", m)};
                  });
}

// The open nonces of a topic from the node: the newest worker nonce or the oldest reputer one.
Result<int64_t> openNonce(const NodeClient* node, uint64_t topic, bool reputer) {
    const std::string what = reputer ? "reputer" : "worker";
    if (node == nullptr)
        return makeError(ErrorCode::InvalidArgument, "--offline cannot ask the node for the open " +
                                                         what + " nonce: give it in the payload");
    auto answer =
        node->get("/emissions/v9/unfulfilled_" + what + "_nonces/" + std::to_string(topic));
    if (!answer) return answer.error();
    json::error_code ec;
    const json::value* list = answer->find_pointer("/nonces/nonces", ec);
    std::optional<int64_t> pick;
    if (list && list->is_array())
        for (const json::value& n : list->get_array()) {
            const json::value* h =
                n.find_pointer(reputer ? "/reputer_nonce/block_height" : "/block_height", ec);
            if (!h || !h->is_string()) continue;
            const int64_t v = std::stoll(std::string(h->get_string()));
            if (!pick || (reputer ? v < *pick : v > *pick)) pick = v;
        }
    if (!pick)
        return makeError(ErrorCode::NotFound, "no " + what + " nonce is open in topic " +
                                                  std::to_string(topic) +
                                                  " now (is the topic active?)");
    return *pick;
}

// A payload document: the file, or stdin for "-" (refused when stdin must carry a password).
Result<std::string> readPayload(const CliContext& ctx, const std::string& source) {
    if (source == "-") {
        auto keyring = ctx.openKeyring();
        if (!keyring) return keyring.error();
        if (needsPassword(**keyring))
            return makeError(ErrorCode::InvalidArgument,
                             "the payload cannot come from stdin, where the key's password must "
                             "come from: give it as a file");
    }
    return readDocument(source, "the payload");
}

std::string pubkeyHex(const std::optional<secp256k1::PubKey>& key) {
    return key ? toHex(ByteSpan(key->data(), key->size())) : std::string();
}

int insertWorkerPayload(CliContext& ctx, const Words& w) {
    auto text = readPayload(ctx, w[1]);
    if (!text) return reportError(text.error());
    auto input = parseWorkerPayload(*text);
    if (!input) return reportError(input.error());
    const uint64_t topic = input->bundle.topic_id();
    return sendTx(
        ctx, w[0], {"worker payload for " + topicText(topic)},
        [&](TxSigner& s, const NodeClient* node) -> Messages {
            int64_t nonce = input->nonce.value_or(0);
            if (!input->nonce) {
                auto open = openNonce(node, topic, false);
                if (!open) return open.error();
                nonce = *open;
            }
            auto bundle = completeWorkerBundle(*input, s.address(), nonce);
            if (!bundle) return bundle.error();
            auto sig = s.sign(
                node::emissions::workerBundleSignBytes(bundle->inference_forecasts_bundle()));
            if (!sig) return sig.error();
            bundle->set_inferences_forecasts_bundle_signature(
                std::string(sig->begin(), sig->end()));
            bundle->set_pubkey(pubkeyHex(s.publicKey()));
            empb::InsertWorkerPayloadRequest m;
            m.set_sender(s.address());
            *m.mutable_worker_data_bundle() = std::move(*bundle);
            return std::vector{any("InsertWorkerPayloadRequest", m)};
        },
        true);
}

int insertReputerPayload(CliContext& ctx, const Words& w) {
    auto text = readPayload(ctx, w[1]);
    if (!text) return reportError(text.error());
    auto input = parseReputerPayload(*text);
    if (!input) return reportError(input.error());
    const uint64_t topic = input->bundle.topic_id();
    return sendTx(
        ctx, w[0], {"reputer payload for " + topicText(topic)},
        [&](TxSigner& s, const NodeClient* node) -> Messages {
            int64_t nonce = input->nonce.value_or(0);
            if (!input->nonce) {
                auto open = openNonce(node, topic, true);
                if (!open) return open.error();
                nonce = *open;
            }
            auto bundle = completeReputerBundle(*input, s.address(), nonce);
            if (!bundle) return bundle.error();
            auto sig = s.sign(node::emissions::reputerBundleSignBytes(*bundle));
            if (!sig) return sig.error();
            empb::InsertReputerPayloadRequest m;
            m.set_sender(s.address());
            auto* rvb = m.mutable_reputer_value_bundle();
            *rvb->mutable_value_bundle() = std::move(*bundle);
            rvb->set_signature(std::string(sig->begin(), sig->end()));
            rvb->set_pubkey(pubkeyHex(s.publicKey()));
            return std::vector{any("InsertReputerPayloadRequest", m)};
        },
        true);
}

struct Command {
    std::string_view name;
    size_t minWords, maxWords;
    std::string_view usage;
    int (*run)(CliContext&, const Words&);
};

const Command kCommands[] = {
    {"create-topic", 14, 16,
     "tx emissions create-topic CREATOR METADATA LOSS_METHOD EPOCH_LENGTH GROUND_TRUTH_LAG "
     "WORKER_SUBMISSION_WINDOW P_NORM ALPHA_REGRET ALLOW_NEGATIVE EPSILON MERIT_SORTITION_ALPHA "
     "ACTIVE_INFERER_QUANTILE ACTIVE_FORECASTER_QUANTILE ACTIVE_REPUTER_QUANTILE "
     "[ENABLE_WORKER_WHITELIST ENABLE_REPUTER_WHITELIST]",
     createTopic},
    {"register", 4, 4, "tx emissions register SENDER TOPIC_ID OWNER IS_REPUTER", registerActor},
    {"remove-registration", 3, 3, "tx emissions remove-registration SENDER TOPIC_ID IS_REPUTER",
     removeRegistration},
    {"add-stake", 3, 3, "tx emissions add-stake SENDER TOPIC_ID AMOUNT", addStake},
    {"remove-stake", 3, 3, "tx emissions remove-stake SENDER TOPIC_ID AMOUNT", removeStake},
    {"cancel-remove-stake", 2, 2, "tx emissions cancel-remove-stake SENDER TOPIC_ID",
     cancelRemoveStake},
    {"delegate-stake", 4, 4, "tx emissions delegate-stake SENDER TOPIC_ID REPUTER AMOUNT",
     delegateStake},
    {"remove-delegate-stake", 4, 4,
     "tx emissions remove-delegate-stake SENDER TOPIC_ID REPUTER AMOUNT", removeDelegateStake},
    {"cancel-remove-delegate-stake", 3, 3,
     "tx emissions cancel-remove-delegate-stake SENDER TOPIC_ID REPUTER",
     cancelRemoveDelegateStake},
    {"reward-delegate-stake", 3, 3, "tx emissions reward-delegate-stake SENDER TOPIC_ID REPUTER",
     rewardDelegateStake},
    {"fund-topic", 3, 3, "tx emissions fund-topic SENDER TOPIC_ID AMOUNT", fundTopic},
    {"insert-worker-payload", 2, 2, "tx emissions insert-worker-payload SENDER FILE|-",
     insertWorkerPayload},
    {"insert-reputer-payload", 2, 2, "tx emissions insert-reputer-payload SENDER FILE|-",
     insertReputerPayload},
};

std::vector<OptionSpec> specs() {
    std::vector<OptionSpec> own(nodeOptions().begin(), nodeOptions().end());
    own.insert(own.end(), signingTxOptions().begin(), signingTxOptions().end());
    return withGlobalOptions(own);
}

}  // namespace

int runTxEmissions(CliContext& ctx, ArgStream& args) {
    const auto flags = specs();
    auto word = args.nextWord(flags, ctx.options);
    if (!word) return reportError(word.error());
    if (!*word || **word == "help" || ctx.options.has("help")) {
        std::cout << kHelp;
        return kExitOk;
    }
    for (const Command& c : kCommands) {
        if (**word != c.name) continue;
        auto words = args.rest(flags, ctx.options);
        if (!words)
            return usageError(words.message() + " (usage: allora-cli " + std::string(c.usage) +
                              ")");
        if (ctx.options.has("help")) {
            std::cout << kHelp;
            return kExitOk;
        }
        if (words->size() < c.minWords || words->size() > c.maxWords)
            return usageError("usage: allora-cli " + std::string(c.usage));
        if (auto f = ctx.output(); !f) return reportError(f.error());
        return c.run(ctx, *words);
    }
    return usageError("unknown command 'tx emissions " + **word +
                      "' (see 'allora-cli tx emissions --help')");
}

}  // namespace allora::cli
