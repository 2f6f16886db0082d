#include "node/modules/reward_pool.h"

namespace allora::node {

Result<Amount> rewardsPerBlock(const KvStore& store) {
    auto raw = store.get(asBytes(kRewardsPerBlockKey));
    if (!raw) return raw.error();
    if (!*raw) return Amount{};
    const std::string text((*raw)->begin(), (*raw)->end());
    auto amount = Amount::parse(text);
    if (!amount) return makeError(ErrorCode::Corrupt, "corrupt per-block reward emission: " + text);
    return *amount;
}

Status setRewardsPerBlock(KvStore& store, const Amount& amount) {
    return store.set(asBytes(kRewardsPerBlockKey), asBytes(amount.toUalloString()));
}

Result<std::optional<std::string>> reputerRewardShare(const KvStore& store) {
    auto raw = store.get(asBytes(kReputerRewardShareKey));
    if (!raw) return raw.error();
    if (!*raw) return std::optional<std::string>{};
    return std::optional<std::string>(std::string((*raw)->begin(), (*raw)->end()));
}

Status setReputerRewardShare(KvStore& store, std::string_view decimal) {
    return store.set(asBytes(kReputerRewardShareKey), asBytes(decimal));
}

}  // namespace allora::node
