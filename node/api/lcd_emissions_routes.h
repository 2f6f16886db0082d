// The emissions module's HTTP routes: GET only, one chain query each ("/emissions.v9.Query/<Name>",
// node/modules/emissions/queries.h), paths as allora-chain's gRPC gateway names them where it has
// the query, answers printed as the gateway prints the query's response (proto_json.h: proto
// field names, 64-bit integers and uallo amounts as strings, decimals as strings).
//
// Path parameters are checked before the chain is asked: {topic_id} and {block_height} are decimal
// integers (block heights at most 2^63 − 1), address parameters are allo1… addresses; anything
// else is 400 with a gateway error naming the parameter. A topic, record or removal that does not
// exist is 404 (code 5) where the route answers one thing; lists and amounts answer empty or "0".
//
//   GET /emissions/v9/params                                      {"params"}
//   GET /emissions/v9/next_topic_id                               {"next_topic_id"}
//   GET /emissions/v9/topics?pagination.key=K&pagination.limit=N  {"topics", "pagination":
//        {"next_key", "total"}}; K is the next_key of the previous page (base64), N at most the
//        max_page_limit param (default: default_page_limit)
//   GET /emissions/v9/topics/{topic_id}                           {"topic", "weight",
//        "effective_revenue", "stake", "active"} (404 if none)
//   GET /emissions/v9/topics/{topic_id}/workers                   {"workers": [address…]}
//   GET /emissions/v9/topics/{topic_id}/reputers                  {"reputers": [{"address",
//        "stake", "delegated_stake"}…]}
//   GET /emissions/v9/topics/{topic_id}/workers/{worker_address}/latest_inference
//                                                                 {"latest_inference"} (404)
//   GET /emissions/v9/active_topics                               {"topics"}
//   GET /emissions/v9/topic_exists/{topic_id}                     {"exists"}
//   GET /emissions/v9/is_topic_active/{topic_id}                  {"is_active"}
//   GET /emissions/v9/stake/{topic_id}                            {"amount"}
//   GET /emissions/v9/topic_fee_revenue/{topic_id}                {"fee_revenue"}
//   GET /emissions/v9/reputer_stake/{address}/{topic_id}          {"amount"} (own stake)
//   GET /emissions/v9/reputer_delegate_stake/{reputer_address}/{topic_id}   {"amount"}
//   GET /emissions/v9/stake_reputer_authority/{topic_id}/{reputer}          {"authority"}
//   GET /emissions/v9/delegate_stake/{delegator_address}/{reputer_address}/{topic_id} {"amount"}
//   GET /emissions/v9/delegate_stake/{delegator_address}/{topic_id}         {"amount"}
//   GET /emissions/v9/delegator_positions/{delegator_address}/{topic_id}
//        {"positions": [{"reputer", "amount", "pending_reward"}…]}
//   GET /emissions/v9/delegate_reward_per_share/{topic_id}/{reputer}        {"reward_per_share"}
//   GET /emissions/v9/delegate_reward_pending/{topic_id}/{delegator}/{reputer}  {"amount"}
//   GET /emissions/v9/stake_removal/{topic_id}/{reputer}          {"removal"} (404 if none)
//   GET /emissions/v9/delegate_stake_removal/{topic_id}/{delegator}/{reputer}  {"removal"} (404)
//   GET /emissions/v9/worker_registered/{topic_id}/{address}      {"is_registered"}
//   GET /emissions/v9/reputer_registered/{topic_id}/{address}     {"is_registered"}
//   GET /emissions/v9/unfulfilled_worker_nonces/{topic_id}        {"nonces": {"nonces"}}
//   GET /emissions/v9/unfulfilled_reputer_nonces/{topic_id}       {"nonces": {"nonces"}}
//   GET /emissions/v9/inferences/{topic_id}/{block_height}        {"inferences"}
//   GET /emissions/v9/forecasts/{topic_id}/{block_height}         {"forecasts"}
//   GET /emissions/v9/reputer_loss_bundles/{topic_id}/{block_height}  {"reputer_value_bundles"}
//   GET /emissions/v9/network_loss/{topic_id}/{block_height}      {"loss_bundle"} (404)
//   GET /emissions/v9/latest_network_inferences/{topic_id}        (404 if none yet)
//        {"network_inferences": NetworkInferences, "inferer_weights", "forecaster_weights",
//         "forecast_implied_inferences", "inference_block_height",
//         "confidence_interval_raw_percentiles", "confidence_interval_values"} (lcd_json.h)
//   GET /emissions/v9/network_inferences/{topic_id}/last_inference/{block_height_last_inference}
//        {"network_inferences": NetworkInferences} of that epoch, from the topic's history (404 if
//        none kept; weights normalised; no one-out / one-in values, no mode)
//   GET /emissions/v9/topics/{topic_id}/history?before=H&limit=N
//        {"records": [TopicEpochRecord…] newest first, "next_before_block_height"}: the epochs
//        with block_height < H (H absent or 0: from the newest), N from 1 to 1000 (default 100);
//        pass next_before_block_height back as H for the next page ("0": no more). 404 if the
//        topic does not exist, 400 for topic 0 or a bad H or N.
//   GET /emissions/v9/inferer_network_regret/{topic_id}/{actor_id}     {"regret", "stored"}
//   GET /emissions/v9/forecaster_network_regret/{topic_id}/{worker}     {"regret", "stored"}
//   GET /emissions/v9/network_regret/{topic_id}/{family}/{actor}?withheld=ADDRESS
//        {"regret", "stored"}: any regret family (query.proto GetWorkerRegret)
//   GET /emissions/v9/scores/{topic_id}/{block_height}            {"inferer_scores",
//        "forecaster_scores", "reputer_scores"}
//   GET /emissions/v9/listening_coefficient/{topic_id}/{reputer}  {"coefficient"}
//   GET /emissions/v9/inferer_score_ema/{topic_id}/{inferer}      {"score"}
#pragma once

#include "node/api/node_api.h"
#include "node/rpc/router.h"

namespace allora::node::api {

// Adds the routes above; `api` must outlive the router.
void addEmissionsRoutes(rpc::Router& router, NodeApi& api);

}  // namespace allora::node::api
