// The arguments of `allora-cli tx emissions …` and `q emissions …`, read and checked before
// anything is asked of the node or the user: every failure is InvalidArgument (exit status 2)
// with a message naming the argument. Kept apart from the commands so that unit tests read the
// same code the program runs.
//
// Payload documents (insert-worker-payload, insert-reputer-payload) are allora-chain's JSON of
// the bundle (proto field names, or their lowerCamel forms; 64-bit integers as numbers or strings;
// bytes as base64), without the parts allora-cli adds itself:
//   worker:  a WorkerDataBundle
//     {"topic_id": 1, "nonce": {"block_height": 120},          nonce optional: the node's newest
//      "inference_forecasts_bundle": {                          open worker nonce
//        "inference": {"value": "3.2", "extra_data": B64, "proof": "..."},   (optional)
//        "forecast": {"forecast_elements": [{"inferer": "allo1…", "value": "0.1"}, ...]}}}
//     The worker, the inference's and forecast's topic_id, block_height and inferer/forecaster
//     are filled in (and must match when given); the signature and pubkey must be absent.
//   reputer: a ReputerValueBundle {"value_bundle": {...}} or just its ValueBundle
//     {"topic_id": 1, "reputer_request_nonce": {"reputer_nonce": {"block_height": 120}},
//      "combined_value": "-2.1", "naive_value": "-1.9",
//      "inferer_values": [{"worker": "allo1…", "value": "-2.0"}], "forecaster_values": [...],
//      "one_out_inferer_values": [...], "one_out_forecaster_values": [...],
//      "one_in_forecaster_values": [...], "one_out_inferer_forecaster_values": [...]}
//     reputer_request_nonce optional (the node's oldest open reputer nonce); the reputer is
//     filled in (and must match when given); signature and pubkey must be absent.
// Values are checked with the chain's own decimal rule (finite, |x| ≤ 10^40, no "nan").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "allora/emissions/v9/tx.pb.h"
#include "core/amount.h"
#include "core/result.h"

namespace allora::cli {

namespace empb = ::emissions::v9;

// A topic id: a positive decimal integer ("topic ids start at 1").
Result<uint64_t> parseTopicIdArg(std::string_view text);
// A block height: a non-negative decimal integer below 2^63.
Result<int64_t> parseHeightArg(std::string_view text, std::string_view what);
// "true" or "false" (any case), as allorad's boolean arguments.
Result<bool> parseBoolArg(std::string_view text, std::string_view what);
// An allo1… address.
Result<std::string> parseAddressArg(std::string_view text, std::string_view what);
// A positive amount: an integer of uallo as allorad takes it ("1000"), or with a denom
// ("1000uallo", "1.5ALLO").
Result<Amount> parseStakeAmountArg(std::string_view text, std::string_view what);

// create-topic's words after CREATOR, in allorad's order: METADATA LOSS_METHOD EPOCH_LENGTH
// GROUND_TRUTH_LAG WORKER_SUBMISSION_WINDOW P_NORM ALPHA_REGRET ALLOW_NEGATIVE EPSILON
// MERIT_SORTITION_ALPHA ACTIVE_INFERER_QUANTILE ACTIVE_FORECASTER_QUANTILE
// ACTIVE_REPUTER_QUANTILE [ENABLE_WORKER_WHITELIST ENABLE_REPUTER_WHITELIST] (13 or 15 words).
// The creator is left empty. Checks what the chain checks without its state (PROTOCOL.md §5).
Result<empb::CreateNewTopicRequest> parseCreateTopicArgs(const std::vector<std::string>& words);

// A worker payload document (see above) before the worker and nonce are known.
struct WorkerPayloadInput {
    empb::WorkerDataBundle bundle;
    std::optional<int64_t> nonce;
};
Result<WorkerPayloadInput> parseWorkerPayload(std::string_view json);
// The bundle for `worker` at `nonce`, every derived field filled in and checked; what remains is
// the signature (over workerBundleSignBytes of its inference_forecasts_bundle) and the pubkey.
Result<empb::WorkerDataBundle> completeWorkerBundle(const WorkerPayloadInput& input,
                                                    const std::string& worker, int64_t nonce);

struct ReputerPayloadInput {
    empb::ValueBundle bundle;
    std::optional<int64_t> nonce;
};
Result<ReputerPayloadInput> parseReputerPayload(std::string_view json);
Result<empb::ValueBundle> completeReputerBundle(const ReputerPayloadInput& input,
                                                const std::string& reputer, int64_t nonce);

}  // namespace allora::cli
