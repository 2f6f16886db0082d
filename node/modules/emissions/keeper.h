// EmissionsKeeper: the state of the emissions module (PROTOCOL.md §5): params, topics, worker and
// reputer registrations, reputer and delegator stake (with reward-per-share accounting), pending
// stake removals, topic fee revenue, active topics, open nonces and the epoch's payloads.
//
// State layout (keys are bytes, under "em/"; topic ids, heights and nonces are 8-byte big-endian,
// so a prefix scan visits them in numeric order; addresses are their 20 bytes; amounts are the
// decimal uallo string, as the bank stores balances; other values are emissions.v9 protobuf):
//   em/params                                   Params
//   em/admin/ addr                              "" (may send UpdateParams)
//   em/next_topic                               next topic id (8 bytes), 1 before the first topic
//   em/topic/ id                                Topic
//   em/active/ id                               "" (the topic is active)
//   em/worker/ id addr, em/reputer/ id addr     "" (registered in the topic)
//   em/revenue/ id                              topic fee revenue (amount)
//   em/stake/topic/ id                          total stake in the topic: reputers' + delegated
//   em/stake/rep/ id reputer                    the reputer's own stake
//   em/stake/deleg_to/ id reputer               stake delegated to the reputer
//   em/stake/deleg_by/ id delegator             stake the delegator put on all reputers of topic
//   em/deleg/ id reputer delegator              DelegatorInfo
//   em/rps/ id reputer                          reward per share of the reputer's delegators,
//                                               an amount scaled by 10^18 (kRewardShareScale)
//   em/rm/ id reputer                           StakeRemovalInfo (pending, one per key)
//   em/rm_at/ height id reputer                 "" (index: removals maturing at height)
//   em/drm/ id reputer delegator                DelegateStakeRemovalInfo
//   em/drm_at/ height id reputer delegator      "" (index)
//   em/wnonce/ id                               Nonces (open worker nonces, ascending)
//   em/rnonce/ id                               ReputerRequestNonces (open reputer nonces)
//   em/inf/ id nonce worker                     Inference
//   em/fc/ id nonce worker                      Forecast
//   em/rep/ id nonce reputer                    ReputerValueBundle
//   em/latest_inf/ id worker                    Inference (the worker's latest)
//   em/ema/inf/ id worker                       the inferer's EMA score (decimal string; written
//                                               by the scores step, read to rank forecasts);
//                                               em/ema/fc/ and em/ema/rep/ likewise, and the
//                                               epoch close's other state: epoch_state.h
//   em/hist/ id [height]                        per-epoch history for charts: topic_history.h
// The keeper holds no state: each call takes the KvStore to work on.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "allora/emissions/v9/types.pb.h"
#include "node/modules/bank/bank_keeper.h"
#include "node/modules/coins.h"
#include "node/modules/kv_store.h"
#include "node/modules/msg_router.h"

namespace allora::node::emissions {

namespace pb = ::emissions::v9;
using Params = pb::Params;
using Topic = pb::Topic;

// Module accounts (address = moduleAddress(name)).
constexpr std::string_view kEcosystemName = "ecosystem";    // fees and FundTopic amounts
constexpr std::string_view kStakingName = "allorastaking";  // reputer and delegator stake
constexpr std::string_view kRewardsName = "allorarewards";  // reward pools
constexpr std::string_view kPendingRewardsName = "allorapendingrewards";  // delegators' rewards

// Reward per share is an integer scaled by this (10^18), so rounding loses < 1 uallo per share.
Amount rewardShareScale();

// Parses a decimal value of a payload, a topic or a param strictly: "-?D+(.D+)?([eE][+-]?D+)?"
// (no spaces, no "+", no "inf"/"nan", no hex), finite and |x| ≤ 10^40 (allora's BoundedExp40Dec).
// The double is the correctly rounded value of the text (std::from_chars), so every node reads
// the same bits.
Result<double> parseDecimal(std::string_view text);
// The amount as a double (correctly rounded from its decimal text).
double toDouble(const Amount& amount);

class EmissionsKeeper {
public:
    explicit EmissionsKeeper(const bank::BankKeeper& bank) : bank_(bank) {}
    const bank::BankKeeper& bank() const { return bank_; }

    Result<Params> params(const KvStore& store) const;
    Status setParams(KvStore& store, const Params& params) const;
    // Admins (em/admin/ addr): the accounts that may send UpdateParams (set at genesis).
    Result<bool> isAdmin(const KvStore& store, ByteSpan address) const;
    Status setAdmin(KvStore& store, ByteSpan address, bool admin) const;

    // Topics.
    Result<uint64_t> nextTopicId(const KvStore& store) const;
    // Stores `topic` under the next id (set in it) and returns that id.
    Result<uint64_t> createTopic(KvStore& store, Topic topic) const;
    Result<std::optional<Topic>> topic(const KvStore& store, uint64_t id) const;
    Status setTopic(KvStore& store, const Topic& topic) const;
    // Topics with id ≥ fromId in id order until `visit` returns false.
    Status forEachTopic(const KvStore& store, uint64_t fromId,
                        const std::function<bool(const Topic&)>& visit) const;
    Result<bool> isActive(const KvStore& store, uint64_t id) const;
    Status setActive(KvStore& store, uint64_t id, bool active) const;
    Result<std::vector<uint64_t>> activeTopicIds(const KvStore& store) const;
    // Stake^a · (revenue / epoch_length)^b with a, b the topic_reward_*_importance params
    // (PROTOCOL.md §7), dmath only.
    Result<double> topicWeight(const KvStore& store, const Topic& topic) const;
    // Activates the topic when its weight reaches min_topic_weight; true when active after.
    Result<bool> activateIfWeighty(KvStore& store, uint64_t id) const;

    // Registrations.
    Result<bool> isRegistered(const KvStore& store, uint64_t topicId, ByteSpan address,
                              bool reputer) const;
    Status setRegistered(KvStore& store, uint64_t topicId, ByteSpan address, bool reputer,
                         bool registered) const;

    // Fee revenue.
    Result<Amount> topicFeeRevenue(const KvStore& store, uint64_t topicId) const;
    Status addTopicFeeRevenue(KvStore& store, uint64_t topicId, const Amount& amount) const;
    // Sets the revenue (the epoch's drip, topic_weights.h).
    Status setTopicFeeRevenue(KvStore& store, uint64_t topicId, const Amount& amount) const;
    // Moves `fee` from `payer` to the ecosystem account and counts it as the topic's revenue
    // (a zero fee does nothing). InsufficientFunds with the bank's message when it cannot pay.
    TxStatus chargeFee(MsgContext& ctx, ByteSpan payer, const Amount& fee, uint64_t topicId,
                       std::string_view what) const;

    // Stake.
    Result<Amount> topicStake(const KvStore& store, uint64_t topicId) const;
    Result<Amount> reputerStake(const KvStore& store, uint64_t topicId, ByteSpan reputer) const;
    Result<Amount> delegatedTo(const KvStore& store, uint64_t topicId, ByteSpan reputer) const;
    Result<Amount> delegatedBy(const KvStore& store, uint64_t topicId, ByteSpan delegator) const;
    // Own + delegated: what counts toward required_minimum_stake and loss weights.
    Result<Amount> reputerAuthority(const KvStore& store, uint64_t topicId, ByteSpan reputer) const;
    Result<pb::DelegatorInfo> delegatorInfo(const KvStore& store, uint64_t topicId,
                                            ByteSpan reputer, ByteSpan delegator) const;
    Result<Amount> delegatorAmount(const KvStore& store, uint64_t topicId, ByteSpan reputer,
                                   ByteSpan delegator) const;
    // The accounting only (the caller moves the coins): own stake and topic stake.
    Status addReputerStake(KvStore& store, uint64_t topicId, ByteSpan reputer, const Amount& amount,
                           bool subtract) const;
    // Delegated stake, its totals and the delegator's reward debt; pays the delegator's pending
    // reward first (from the pending-rewards account), as reward-per-share accounting requires.
    TxStatus changeDelegateStake(MsgContext& ctx, uint64_t topicId, ByteSpan reputer,
                                 ByteSpan delegator, const Amount& amount, bool subtract) const;
    Result<Amount> rewardPerShare(const KvStore& store, uint64_t topicId, ByteSpan reputer) const;
    // Credits `reward` (already in the pending-rewards account) to the reputer's delegators:
    // reward per share += reward × scale / delegated. InvalidArgument when nothing is delegated.
    Status addDelegatorReward(KvStore& store, uint64_t topicId, ByteSpan reputer,
                              const Amount& reward) const;
    Result<Amount> pendingDelegatorReward(const KvStore& store, uint64_t topicId, ByteSpan reputer,
                                          ByteSpan delegator) const;
    // Pays the pending reward to the delegator and resets the debt; returns what was paid.
    Result<Amount> claimDelegatorReward(MsgContext& ctx, uint64_t topicId, ByteSpan reputer,
                                        ByteSpan delegator) const;

    // Pending stake removals.
    Result<std::optional<pb::StakeRemovalInfo>> stakeRemoval(const KvStore& store, uint64_t topicId,
                                                             ByteSpan reputer) const;
    Status setStakeRemoval(KvStore& store, const pb::StakeRemovalInfo& info) const;
    Status deleteStakeRemoval(KvStore& store, uint64_t topicId, ByteSpan reputer) const;
    Result<std::optional<pb::DelegateStakeRemovalInfo>> delegateStakeRemoval(
        const KvStore& store, uint64_t topicId, ByteSpan reputer, ByteSpan delegator) const;
    Status setDelegateStakeRemoval(KvStore& store, const pb::DelegateStakeRemovalInfo& info) const;
    Status deleteDelegateStakeRemoval(KvStore& store, uint64_t topicId, ByteSpan reputer,
                                      ByteSpan delegator) const;
    // Removals whose completion height is ≤ height, in (height, topic, address) order.
    Result<std::vector<pb::StakeRemovalInfo>> stakeRemovalsDue(const KvStore& store,
                                                               int64_t height) const;
    Result<std::vector<pb::DelegateStakeRemovalInfo>> delegateStakeRemovalsDue(
        const KvStore& store, int64_t height) const;

    // Open nonces.
    Result<pb::Nonces> workerNonces(const KvStore& store, uint64_t topicId) const;
    Status setWorkerNonces(KvStore& store, uint64_t topicId, const pb::Nonces& nonces) const;
    Result<pb::ReputerRequestNonces> reputerNonces(const KvStore& store, uint64_t topicId) const;
    Status setReputerNonces(KvStore& store, uint64_t topicId,
                            const pb::ReputerRequestNonces& nonces) const;

    // Payloads of one nonce.
    Result<bool> hasWorkerPayload(const KvStore& store, uint64_t topicId, int64_t nonce,
                                  ByteSpan worker) const;
    Status setInference(KvStore& store, uint64_t topicId, int64_t nonce, ByteSpan worker,
                        const pb::Inference& inference) const;
    Status setForecast(KvStore& store, uint64_t topicId, int64_t nonce, ByteSpan worker,
                       const pb::Forecast& forecast) const;
    Result<std::vector<pb::Inference>> inferencesAt(const KvStore& store, uint64_t topicId,
                                                    int64_t nonce) const;
    Result<std::vector<pb::Forecast>> forecastsAt(const KvStore& store, uint64_t topicId,
                                                  int64_t nonce) const;
    Result<std::optional<pb::Inference>> latestInference(const KvStore& store, uint64_t topicId,
                                                         ByteSpan worker) const;
    Result<bool> hasReputerPayload(const KvStore& store, uint64_t topicId, int64_t nonce,
                                   ByteSpan reputer) const;
    Status setReputerPayload(KvStore& store, uint64_t topicId, int64_t nonce, ByteSpan reputer,
                             const pb::ReputerValueBundle& bundle) const;
    Result<std::vector<pb::ReputerValueBundle>> reputerPayloadsAt(const KvStore& store,
                                                                  uint64_t topicId,
                                                                  int64_t nonce) const;
    // The inferer's EMA score, 0 when none is stored yet.
    Result<double> infererScoreEma(const KvStore& store, uint64_t topicId, ByteSpan inferer) const;

private:
    Result<Amount> readAmount(const KvStore& store, const Bytes& key) const;
    Status writeAmount(KvStore& store, const Bytes& key, const Amount& amount) const;
    Status addAmount(KvStore& store, const Bytes& key, const Amount& amount, bool subtract) const;

    const bank::BankKeeper& bank_;
};

}  // namespace allora::node::emissions
