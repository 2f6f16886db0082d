// The lock arithmetic of vesting accounts (allora.auth.v1.VestingSchedule, PROTOCOL.md §7): how
// much of the original vesting is still locked at a block time. Integer only: the vested part of
// a continuous schedule is original × elapsed / duration, rounded down (so the locked part is
// rounded up: nothing unlocks early).
#pragma once

#include <cstdint>

#include "allora/auth/v1/auth.pb.h"
#include "core/result.h"
#include "node/modules/coins.h"

namespace allora::node::auth {

// Checks a schedule's shape: a known kind, valid coins, start ≤ cliff ≤ end (cliff 0 = none),
// start < end for a continuous one.
Status validateVesting(const allora::auth::v1::VestingSchedule& schedule);

// The part of original_vesting still locked at `blockTimeSeconds` (Unix seconds).
Result<Coins> lockedCoins(const allora::auth::v1::VestingSchedule& schedule,
                          int64_t blockTimeSeconds);

}  // namespace allora::node::auth
