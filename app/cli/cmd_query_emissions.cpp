// `allora-cli q emissions …`: the emissions module's state through the node's /emissions/v9/
// routes (node/api/lcd_emissions_routes.h). Each command is a row: its words (checked before the
// node is asked), the route it reads, and how its answer reads as text; `--output json` prints
// the route's JSON unchanged.
#include <boost/json.hpp>
#include <iostream>

#include "app/cli/cmd_query.h"
#include "app/cli/emissions_args.h"
#include "app/cli/node_client.h"
#include "node/rpc/url.h"
#include "wallet/tx_document.h"

namespace allora::cli {
namespace json = boost::json;
namespace {

constexpr std::string_view kHelp = R"(Usage: allora-cli q emissions COMMAND [ARGS] [flags]

The emissions module's state (the query names of `allorad q emissions` where it has them).

Topics:
  params                         the module's parameters
  next-topic-id                  the id the next topic will get
  topic TOPIC_ID                 a topic with its stake, fee revenue, weight and whether active
  topics [--limit N] [--page-key KEY]
                                 every topic, a page at a time (KEY: the next page's key)
  active-topics                  the topics that have weight enough to run epochs
  topic-stake TOPIC_ID, topic-fee-revenue TOPIC_ID, is-topic-active TOPIC_ID,
  topic-exists TOPIC_ID
  workers TOPIC_ID, reputers TOPIC_ID
                                 the registered workers; the registered reputers and stake
  is-worker-registered TOPIC_ID ADDRESS, is-reputer-registered TOPIC_ID ADDRESS
Stake and delegation:
  reputer-stake TOPIC_ID REPUTER          the reputer's own stake
  reputer-authority TOPIC_ID REPUTER      own + delegated stake
  delegate-stake-on-reputer TOPIC_ID REPUTER
  delegations DELEGATOR TOPIC_ID          each reputer the delegator stakes on, with the amount
                                          and the pending reward
  stake-delegator-in-topic-reputer DELEGATOR REPUTER TOPIC_ID
  stake-delegator-in-topic DELEGATOR TOPIC_ID
  delegate-reward-pending TOPIC_ID DELEGATOR REPUTER
  delegate-reward-per-share TOPIC_ID REPUTER
  stake-removal-info REPUTER TOPIC_ID
  delegate-stake-removal-info DELEGATOR REPUTER TOPIC_ID
Epochs and inferences:
  unfulfilled-worker-nonces TOPIC_ID, unfulfilled-reputer-nonces TOPIC_ID
                                 the open submission windows (block heights)
  latest-network-inference TOPIC_ID   (alias latest-network-inferences)
                                 the latest network inference: combined and naive values,
                                 confidence band, each inferer's value and weight, each
                                 forecaster's forecast-implied inference and weight
  latest-inference TOPIC_ID WORKER     a worker's latest inference
  inferences-at-block, forecasts-at-block, reputer-loss-bundle, network-loss-bundle-at-block,
  scores-at-block TOPIC_ID BLOCK_HEIGHT
  network-inferences-at-block TOPIC_ID BLOCK_HEIGHT
                                 the network inferences of the epoch with that worker nonce
                                 (from the topic's history: values, weights, band)
  topic-history TOPIC_ID [--before H] [--limit N]
                                 the topic's epochs, newest first: network and naive inference
                                 with the confidence band, losses, and each worker's value,
                                 weight, regret and score; a page of N (1 to 1000, default 100)
                                 epochs older than height H (the next page's H is printed)
  worker-regret TOPIC_ID WORKER [--family F] [--withheld ADDRESS]
                                 a stored regret (default family inferer; the topic's initial
                                 regret when none is stored); F: inferer, forecaster,
                                 naive_inferer, one_out_inferer_inferer,
                                 one_out_inferer_forecaster, one_out_forecaster_inferer,
                                 one_out_forecaster_forecaster, one_in_forecaster_inferer,
                                 one_in_forecaster_forecaster (one-out / one-in families need
                                 --withheld)
  inferer-regret TOPIC_ID WORKER, forecaster-regret TOPIC_ID WORKER
  listening-coefficient TOPIC_ID REPUTER, inferer-score-ema TOPIC_ID INFERER

Flags: --node URL, --output text|json (text for people, amounts also in ALLO; json prints the
API's JSON unchanged).

Exit status: 0 success; 1 failure (node unreachable, no such topic or record); 2 invalid usage
or input (a bad TOPIC_ID, address or height; nothing is asked of the node).
)";

using Words = std::vector<std::string>;

// How a command's words read: a topic id, an address, a block height.
enum class Arg { Topic, Address, Height };

struct Command {
    std::string_view name;
    std::vector<std::pair<Arg, std::string_view>> args;  // kind, name in messages
    // The route with {0}, {1}, … for the checked words.
    std::string_view path;
    // Extra flags the command takes.
    std::vector<OptionSpec> flags{};
    // Text output; null: every field of the answer, one per line.
    void (*printText)(const json::value&) = nullptr;
};

bool isAmountKey(std::string_view key) {
    return key == "amount" || key == "stake" || key == "delegated_stake" || key == "fee_revenue" ||
           key == "effective_revenue" || key == "authority" || key == "pending_reward";
}

bool isDigits(std::string_view s) {
    return !s.empty() && s.find_first_not_of("0123456789") == s.npos;
}

// Any answer as indented "key: value" lines; uallo amounts also in ALLO.
void printValue(const json::value& v, const std::string& indent, std::string_view key) {
    if (v.is_object()) {
        const json::object& o = v.get_object();
        if (o.empty())
            std::cout << " {}\n";
        else
            std::cout << "\n";
        for (const auto& [k, x] : o) {
            std::cout << indent << std::string(k) << ":";
            printValue(x, indent + "  ", k);
        }
        return;
    }
    if (v.is_array()) {
        const json::array& a = v.get_array();
        std::cout << (a.empty() ? " (none)\n" : "\n");
        for (const json::value& x : a) {
            std::cout << indent << "-";
            printValue(x, indent + "  ", key);
        }
        return;
    }
    if (v.is_string()) {
        const std::string s(v.get_string());
        if (isAmountKey(key) && isDigits(s))
            std::cout << " " << wallet::formatCoins({{"uallo", s}}) << "\n";
        else
            std::cout << " " << (s.empty() ? "\"\"" : s) << "\n";
        return;
    }
    std::cout << " " << (v.is_null() ? std::string("none") : json::serialize(v)) << "\n";
}

void printAll(const json::value& v) {
    if (v.is_object())
        for (const auto& [k, x] : v.get_object()) {
            std::cout << std::string(k) << ":";
            printValue(x, "  ", k);
        }
    std::cout << std::flush;
}

void printTopicLine(const json::value& t) {
    std::cout << "  " << jsonText(t, "/id") << "  " << jsonText(t, "/metadata") << " ("
              << jsonText(t, "/loss_method") << ", epoch " << jsonText(t, "/epoch_length")
              << " blocks, creator " << jsonText(t, "/creator") << ")\n";
}

void printTopic(const json::value& a) {
    std::cout << "topic " << jsonText(a, "/topic/id") << ": " << jsonText(a, "/topic/metadata")
              << "\n"
              << "active: " << (jsonText(a, "/active") == "true" ? "yes" : "no") << "\n"
              << "stake: " << wallet::formatCoins({{"uallo", jsonText(a, "/stake")}}) << "\n"
              << "fee revenue: "
              << wallet::formatCoins({{"uallo", jsonText(a, "/effective_revenue")}}) << "\n"
              << "weight: " << jsonText(a, "/weight") << "\n"
              << "topic:";
    json::error_code ec;
    if (const json::value* t = a.find_pointer("/topic", ec)) printValue(*t, "  ", "topic");
    std::cout << std::flush;
}

void printTopics(const json::value& a) {
    json::error_code ec;
    const json::value* list = a.find_pointer("/topics", ec);
    if (!list || !list->is_array() || list->get_array().empty())
        std::cout << "(no topics)\n";
    else
        for (const json::value& t : list->get_array()) printTopicLine(t);
    const std::string next = jsonText(a, "/pagination/next_key");
    if (!next.empty()) std::cout << "next page: --page-key " << next << "\n";
    std::cout << std::flush;
}

void printWeighted(const json::value& a, std::string_view valuesPointer,
                   std::string_view weightsPointer, std::string_view title) {
    json::error_code ec;
    const json::value* values = a.find_pointer(valuesPointer, ec);
    const json::value* weights = a.find_pointer(weightsPointer, ec);
    std::cout << title << ":\n";
    if (!values || !values->is_array() || values->get_array().empty()) {
        std::cout << "  (none)\n";
        return;
    }
    for (const json::value& v : values->get_array()) {
        const std::string worker = jsonText(v, "/worker");
        std::string weight = "-";
        if (weights && weights->is_array())
            for (const json::value& w : weights->get_array())
                if (jsonText(w, "/worker") == worker) weight = jsonText(w, "/weight");
        std::cout << "  " << worker << "  value " << jsonText(v, "/value") << "  weight " << weight
                  << "\n";
    }
}

void printLatestNetworkInference(const json::value& a) {
    std::cout << "topic " << jsonText(a, "/network_inferences/topic_id") << ", epoch nonce "
              << jsonText(a, "/inference_block_height") << " ("
              << jsonText(a, "/network_inferences/mode") << ")\n"
              << "network inference: " << jsonText(a, "/network_inferences/combined_value") << "\n"
              << "naive inference: " << jsonText(a, "/network_inferences/naive_value") << "\n";
    json::error_code ec;
    const json::value* band = a.find_pointer("/confidence_interval_values", ec);
    const json::value* pct = a.find_pointer("/confidence_interval_raw_percentiles", ec);
    std::cout << "confidence band:";
    if (!band || !band->is_array() || band->get_array().empty())
        std::cout << " (none)";
    else
        for (size_t i = 0; i < band->get_array().size(); ++i)
            std::cout << " " << jsonText(*pct, "/" + std::to_string(i))
                      << "%=" << jsonText(*band, "/" + std::to_string(i));
    std::cout << "\n";
    printWeighted(a, "/network_inferences/inferer_values", "/inferer_weights", "inferers");
    printWeighted(a, "/forecast_implied_inferences", "/forecaster_weights",
                  "forecasters (forecast-implied inference)");
    std::cout << std::flush;
}

// A decimal of the history for a table cell: "-" when the epoch has none (yet).
std::string cell(const json::value& v, std::string_view pointer) {
    const std::string s = jsonText(v, pointer);
    return s.empty() ? "-" : s;
}

void printHistoryWorkers(const json::value& record, std::string_view pointer,
                         std::string_view title) {
    json::error_code ec;
    const json::value* list = record.find_pointer(pointer, ec);
    if (!list || !list->is_array() || list->get_array().empty()) return;
    std::cout << "  " << title << ":\n";
    for (const json::value& w : list->get_array())
        std::cout << "    " << jsonText(w, "/worker") << "  value " << cell(w, "/value")
                  << "  weight " << cell(w, "/weight") << "  regret " << cell(w, "/regret")
                  << "  score " << cell(w, "/score") << "\n";
}

void printTopicHistory(const json::value& a) {
    json::error_code ec;
    const json::value* records = a.find_pointer("/records", ec);
    if (!records || !records->is_array() || records->get_array().empty()) {
        std::cout << "(no epochs)\n" << std::flush;
        return;
    }
    for (const json::value& r : records->get_array()) {
        std::cout << "epoch " << jsonText(r, "/block_height") << " (topic "
                  << jsonText(r, "/topic_id") << "): network " << cell(r, "/network_inference")
                  << ", naive " << cell(r, "/naive_inference");
        const std::string closed = jsonText(r, "/closed_at_block");
        if (closed.empty() || closed == "0")
            std::cout << "; losses pending\n";
        else
            std::cout << "; losses network " << cell(r, "/network_loss") << ", naive "
                      << cell(r, "/naive_loss") << " (closed at " << closed << ")\n";
        const json::value* band = r.find_pointer("/confidence_interval_values", ec);
        const json::value* pct = r.find_pointer("/confidence_interval_percentiles", ec);
        if (band && pct && band->is_array() && pct->is_array() && !band->get_array().empty() &&
            pct->get_array().size() == band->get_array().size()) {
            std::cout << "  band:";
            for (size_t i = 0; i < band->get_array().size(); ++i)
                std::cout << " " << jsonText(*pct, "/" + std::to_string(i))
                          << "%=" << jsonText(*band, "/" + std::to_string(i));
            std::cout << "\n";
        }
        printHistoryWorkers(r, "/inferers", "inferers");
        printHistoryWorkers(r, "/forecasters", "forecasters (forecast-implied inference)");
    }
    const std::string next = jsonText(a, "/next_before_block_height");
    if (!next.empty() && next != "0") std::cout << "older epochs: --before " << next << "\n";
    std::cout << std::flush;
}

void printNetworkInferencesAtBlock(const json::value& a) {
    std::cout << "topic " << jsonText(a, "/network_inferences/topic_id") << ", epoch nonce "
              << jsonText(a, "/network_inferences/block_height") << "\n"
              << "network inference: " << jsonText(a, "/network_inferences/combined_value") << "\n"
              << "naive inference: " << jsonText(a, "/network_inferences/naive_value") << "\n";
    json::error_code ec;
    const json::value* band = a.find_pointer("/network_inferences/confidence_interval_values", ec);
    std::cout << "confidence band:";
    if (!band || !band->is_array() || band->get_array().empty())
        std::cout << " (none)";
    else
        for (const json::value& v : band->get_array())
            std::cout << " " << (v.is_string() ? std::string(v.get_string()) : "");
    std::cout << "\n";
    printWeighted(a, "/network_inferences/inferer_values", "/network_inferences/inferer_weights",
                  "inferers");
    printWeighted(a, "/network_inferences/forecaster_values",
                  "/network_inferences/forecaster_weights",
                  "forecasters (forecast-implied inference)");
    std::cout << std::flush;
}

const std::vector<Command>& commands() {
    using enum Arg;
    static const std::vector<Command> kCommands = {
        {"params", {}, "/emissions/v9/params"},
        {"next-topic-id", {}, "/emissions/v9/next_topic_id"},
        {"topic", {{Topic, "TOPIC_ID"}}, "/emissions/v9/topics/{0}", {}, printTopic},
        {"topics", {}, "/emissions/v9/topics", {{"limit", true}, {"page-key", true}}, printTopics},
        {"active-topics", {}, "/emissions/v9/active_topics", {}, printTopics},
        {"topic-stake", {{Topic, "TOPIC_ID"}}, "/emissions/v9/stake/{0}"},
        {"topic-fee-revenue", {{Topic, "TOPIC_ID"}}, "/emissions/v9/topic_fee_revenue/{0}"},
        {"is-topic-active", {{Topic, "TOPIC_ID"}}, "/emissions/v9/is_topic_active/{0}"},
        {"topic-exists", {{Topic, "TOPIC_ID"}}, "/emissions/v9/topic_exists/{0}"},
        {"workers", {{Topic, "TOPIC_ID"}}, "/emissions/v9/topics/{0}/workers"},
        {"reputers", {{Topic, "TOPIC_ID"}}, "/emissions/v9/topics/{0}/reputers"},
        {"is-worker-registered",
         {{Topic, "TOPIC_ID"}, {Address, "ADDRESS"}},
         "/emissions/v9/worker_registered/{0}/{1}"},
        {"is-reputer-registered",
         {{Topic, "TOPIC_ID"}, {Address, "ADDRESS"}},
         "/emissions/v9/reputer_registered/{0}/{1}"},
        {"reputer-stake",
         {{Topic, "TOPIC_ID"}, {Address, "REPUTER"}},
         "/emissions/v9/reputer_stake/{1}/{0}"},
        {"reputer-authority",
         {{Topic, "TOPIC_ID"}, {Address, "REPUTER"}},
         "/emissions/v9/stake_reputer_authority/{0}/{1}"},
        {"delegate-stake-on-reputer",
         {{Topic, "TOPIC_ID"}, {Address, "REPUTER"}},
         "/emissions/v9/reputer_delegate_stake/{1}/{0}"},
        {"delegations",
         {{Address, "DELEGATOR"}, {Topic, "TOPIC_ID"}},
         "/emissions/v9/delegator_positions/{0}/{1}"},
        {"stake-delegator-in-topic-reputer",
         {{Address, "DELEGATOR"}, {Address, "REPUTER"}, {Topic, "TOPIC_ID"}},
         "/emissions/v9/delegate_stake/{0}/{1}/{2}"},
        {"stake-delegator-in-topic",
         {{Address, "DELEGATOR"}, {Topic, "TOPIC_ID"}},
         "/emissions/v9/delegate_stake/{0}/{1}"},
        {"delegate-reward-pending",
         {{Topic, "TOPIC_ID"}, {Address, "DELEGATOR"}, {Address, "REPUTER"}},
         "/emissions/v9/delegate_reward_pending/{0}/{1}/{2}"},
        {"delegate-reward-per-share",
         {{Topic, "TOPIC_ID"}, {Address, "REPUTER"}},
         "/emissions/v9/delegate_reward_per_share/{0}/{1}"},
        {"stake-removal-info",
         {{Address, "REPUTER"}, {Topic, "TOPIC_ID"}},
         "/emissions/v9/stake_removal/{1}/{0}"},
        {"delegate-stake-removal-info",
         {{Address, "DELEGATOR"}, {Address, "REPUTER"}, {Topic, "TOPIC_ID"}},
         "/emissions/v9/delegate_stake_removal/{2}/{0}/{1}"},
        {"unfulfilled-worker-nonces",
         {{Topic, "TOPIC_ID"}},
         "/emissions/v9/unfulfilled_worker_nonces/{0}"},
        {"unfulfilled-reputer-nonces",
         {{Topic, "TOPIC_ID"}},
         "/emissions/v9/unfulfilled_reputer_nonces/{0}"},
        {"latest-network-inference",
         {{Topic, "TOPIC_ID"}},
         "/emissions/v9/latest_network_inferences/{0}",
         {},
         printLatestNetworkInference},
        {"latest-network-inferences",
         {{Topic, "TOPIC_ID"}},
         "/emissions/v9/latest_network_inferences/{0}",
         {},
         printLatestNetworkInference},
        {"latest-inference",
         {{Topic, "TOPIC_ID"}, {Address, "WORKER"}},
         "/emissions/v9/topics/{0}/workers/{1}/latest_inference"},
        {"inferences-at-block",
         {{Topic, "TOPIC_ID"}, {Height, "BLOCK_HEIGHT"}},
         "/emissions/v9/inferences/{0}/{1}"},
        {"forecasts-at-block",
         {{Topic, "TOPIC_ID"}, {Height, "BLOCK_HEIGHT"}},
         "/emissions/v9/forecasts/{0}/{1}"},
        {"reputer-loss-bundle",
         {{Topic, "TOPIC_ID"}, {Height, "BLOCK_HEIGHT"}},
         "/emissions/v9/reputer_loss_bundles/{0}/{1}"},
        {"network-loss-bundle-at-block",
         {{Topic, "TOPIC_ID"}, {Height, "BLOCK_HEIGHT"}},
         "/emissions/v9/network_loss/{0}/{1}"},
        {"scores-at-block",
         {{Topic, "TOPIC_ID"}, {Height, "BLOCK_HEIGHT"}},
         "/emissions/v9/scores/{0}/{1}"},
        {"network-inferences-at-block",
         {{Topic, "TOPIC_ID"}, {Height, "BLOCK_HEIGHT"}},
         "/emissions/v9/network_inferences/{0}/last_inference/{1}",
         {},
         printNetworkInferencesAtBlock},
        {"topic-history",
         {{Topic, "TOPIC_ID"}},
         "/emissions/v9/topics/{0}/history",
         {{"before", true}, {"limit", true}},
         printTopicHistory},
        {"worker-regret",
         {{Topic, "TOPIC_ID"}, {Address, "WORKER"}},
         "/emissions/v9/network_regret/{0}/FAMILY/{1}",
         {{"family", true}, {"withheld", true}}},
        {"inferer-regret",
         {{Topic, "TOPIC_ID"}, {Address, "WORKER"}},
         "/emissions/v9/inferer_network_regret/{0}/{1}"},
        {"forecaster-regret",
         {{Topic, "TOPIC_ID"}, {Address, "WORKER"}},
         "/emissions/v9/forecaster_network_regret/{0}/{1}"},
        {"listening-coefficient",
         {{Topic, "TOPIC_ID"}, {Address, "REPUTER"}},
         "/emissions/v9/listening_coefficient/{0}/{1}"},
        {"inferer-score-ema",
         {{Topic, "TOPIC_ID"}, {Address, "INFERER"}},
         "/emissions/v9/inferer_score_ema/{0}/{1}"},
    };
    return kCommands;
}

constexpr std::string_view kFamilies[] = {
    "inferer",
    "forecaster",
    "naive_inferer",
    "one_out_inferer_inferer",
    "one_out_inferer_forecaster",
    "one_out_forecaster_inferer",
    "one_out_forecaster_forecaster",
    "one_in_forecaster_inferer",
    "one_in_forecaster_forecaster",
};

std::string usageOf(const Command& c) {
    std::string u = "q emissions " + std::string(c.name);
    for (const auto& [kind, name] : c.args) u += " " + std::string(name);
    for (const OptionSpec& f : c.flags) u += " [--" + std::string(f.name) + " V]";
    return u;
}

// The route for the checked words (and flags); InvalidArgument naming a bad one.
Result<std::string> pathFor(const Command& c, const Words& w, const Options& o) {
    std::string path(c.path);
    for (size_t i = 0; i < c.args.size(); ++i) {
        const auto& [kind, name] = c.args[i];
        std::string value;
        if (kind == Arg::Topic) {
            auto v = parseTopicIdArg(w[i]);
            if (!v) return v.error();
            value = std::to_string(*v);
        } else if (kind == Arg::Height) {
            auto v = parseHeightArg(w[i], name);
            if (!v) return v.error();
            value = std::to_string(*v);
        } else {
            auto v = parseAddressArg(w[i], name);
            if (!v) return v.error();
            value = *v;
        }
        const std::string slot = "{" + std::to_string(i) + "}";
        path.replace(path.find(slot), slot.size(), value);
    }
    if (c.name == "worker-regret") {
        const std::string family = o.value("family").value_or("inferer");
        bool known = false;
        for (std::string_view f : kFamilies) known = known || f == family;
        if (!known)
            return makeError(
                ErrorCode::InvalidArgument,
                "unknown --family '" + family + "' (see 'allora-cli q emissions --help')");
        const bool needsWithheld = family.starts_with("one_");
        const auto withheld = o.value("withheld");
        if (needsWithheld && !withheld)
            return makeError(ErrorCode::InvalidArgument,
                             "--family " + family + " needs --withheld ADDRESS");
        if (!needsWithheld && withheld)
            return makeError(ErrorCode::InvalidArgument,
                             "--withheld applies only to the one-out and one-in families");
        path.replace(path.find("FAMILY"), 6, family);
        if (withheld) {
            auto a = parseAddressArg(*withheld, "--withheld");
            if (!a) return a.error();
            path += "?withheld=" + *a;
        }
    }
    if (c.name == "topic-history") {
        std::string query;
        if (auto before = o.value("before")) {
            auto h = parseHeightArg(*before, "--before");
            if (!h) return h.error();
            query += "before=" + std::to_string(*h);
        }
        if (auto limit = o.value("limit")) {
            if (!isDigits(*limit) || limit->size() > 4 || std::stoul(*limit) == 0 ||
                std::stoul(*limit) > 1000)
                return makeError(
                    ErrorCode::InvalidArgument,
                    "invalid --limit '" + *limit + "': expected an integer from 1 to 1000");
            query += (query.empty() ? "" : "&") + std::string("limit=") + *limit;
        }
        if (!query.empty()) path += "?" + query;
    }
    if (c.name == "topics") {
        std::string query;
        if (auto limit = o.value("limit")) {
            if (!isDigits(*limit) || *limit == "0" || limit->size() > 19)
                return makeError(ErrorCode::InvalidArgument,
                                 "invalid --limit '" + *limit + "': expected a positive integer");
            query += "pagination.limit=" + *limit;
        }
        if (auto key = o.value("page-key")) {
            if (key->empty()) return makeError(ErrorCode::InvalidArgument, "--page-key is empty");
            query += (query.empty() ? "" : "&") + std::string("pagination.key=") +
                     node::rpc::percentEncode(*key);
        }
        if (!query.empty()) path += "?" + query;
    }
    return path;
}

}  // namespace

int runQueryEmissions(CliContext& ctx, ArgStream& args) {
    const auto groupFlags = withGlobalOptions(nodeOptions());
    auto word = args.nextWord(groupFlags, ctx.options);
    if (!word) return reportError(word.error());
    if (!*word || **word == "help" || ctx.options.has("help")) {
        std::cout << kHelp;
        return kExitOk;
    }
    for (const Command& c : commands()) {
        if (**word != c.name) continue;
        std::vector<OptionSpec> own(nodeOptions().begin(), nodeOptions().end());
        own.insert(own.end(), c.flags.begin(), c.flags.end());
        auto words = args.rest(withGlobalOptions(own), ctx.options);
        if (!words) return usageError(words.message() + " (usage: allora-cli " + usageOf(c) + ")");
        if (ctx.options.has("help")) {
            std::cout << kHelp;
            return kExitOk;
        }
        if (words->size() != c.args.size()) return usageError("usage: allora-cli " + usageOf(c));
        if (auto f = ctx.output(); !f) return reportError(f.error());
        auto path = pathFor(c, *words, ctx.options);
        if (!path) return reportError(path.error());
        return fetchAndPrint(ctx, *path, c.printText ? c.printText : printAll);
    }
    return usageError("unknown command 'q emissions " + **word +
                      "' (see 'allora-cli q emissions --help')");
}

}  // namespace allora::cli
