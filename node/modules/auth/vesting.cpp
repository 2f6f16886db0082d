#include "node/modules/auth/vesting.h"

namespace allora::node::auth {

using allora::auth::v1::VestingSchedule;

Status validateVesting(const VestingSchedule& schedule) {
    auto coins = coinsFromProto(schedule.original_vesting());
    if (!coins)
        return makeError(ErrorCode::InvalidArgument, "original vesting: " + coins.message());
    if (coins->empty()) return makeError(ErrorCode::InvalidArgument, "original vesting is empty");
    const int64_t start = schedule.start_time(), end = schedule.end_time(),
                  cliff = schedule.cliff_time();
    switch (schedule.kind()) {
        case VestingSchedule::KIND_CONTINUOUS:
            if (start >= end)
                return makeError(ErrorCode::InvalidArgument,
                                 "vesting start time must be before end time");
            if (cliff != 0 && (cliff < start || cliff > end))
                return makeError(ErrorCode::InvalidArgument,
                                 "vesting cliff time must lie between start and end time");
            return {};
        case VestingSchedule::KIND_DELAYED:
            if (end <= 0)
                return makeError(ErrorCode::InvalidArgument, "vesting end time must be set");
            return {};
        default:
            return makeError(ErrorCode::InvalidArgument, "unknown vesting kind");
    }
}

Result<Coins> lockedCoins(const VestingSchedule& schedule, int64_t t) {
    auto original = coinsFromProto(schedule.original_vesting());
    if (!original) return original.error();
    if (t >= schedule.end_time()) return Coins{};
    if (schedule.kind() == VestingSchedule::KIND_DELAYED) return original;
    const int64_t start = schedule.start_time();
    const int64_t unlockFrom = schedule.cliff_time() > start ? schedule.cliff_time() : start;
    if (t < unlockFrom || t <= start) return original;
    // max(start, cliff) <= t < end and t > start: vested = original × (t − start) / (end − start).
    const auto elapsed = static_cast<uint64_t>(t - start);
    const auto duration = static_cast<uint64_t>(schedule.end_time() - start);
    Coins locked;
    for (const Coin& c : *original) {
        auto vested = c.amount.mulFrac(elapsed, duration);
        if (!vested) return vested.error();
        auto rest = c.amount.sub(*vested);
        if (!rest) return rest.error();
        if (!rest->isZero()) locked.push_back(Coin{c.denom, *rest});
    }
    return locked;
}

}  // namespace allora::node::auth
