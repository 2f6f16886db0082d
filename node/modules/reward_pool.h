// The two numbers the mint and emissions modules hand each other through state (PROTOCOL.md §7),
// so neither module includes the other:
//  - the mint writes, every block, the reward emission it sent to the allorarewards account in
//    that block (after the validators' share); the emissions module sizes each epoch's topic
//    rewards from it (topic reward = weight share × per-block emission × epoch_length, capped by
//    what the allorarewards account holds);
//  - the emissions module writes the smoothed share of topic rewards that went to reputers; the
//    mint reads it (f_rep) when it recomputes the monthly emission rate.
// Both are decimal text: the per-block emission in uallo, the share as a decimal in [0, 1].
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/amount.h"
#include "core/result.h"
#include "node/modules/kv_store.h"

namespace allora::node {

inline constexpr std::string_view kRewardsPerBlockKey = "mint/rewards_per_block";
inline constexpr std::string_view kReputerRewardShareKey = "em/reputer_reward_share";

// The last per-block reward emission; zero when the mint has not written one.
Result<Amount> rewardsPerBlock(const KvStore& store);
Status setRewardsPerBlock(KvStore& store, const Amount& amount);

// The reputers' smoothed share of topic rewards as decimal text ("0.5"); nullopt when the
// emissions module has not written one yet.
Result<std::optional<std::string>> reputerRewardShare(const KvStore& store);
Status setReputerRewardShare(KvStore& store, std::string_view decimal);

}  // namespace allora::node
