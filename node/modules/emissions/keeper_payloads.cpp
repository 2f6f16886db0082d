// EmissionsKeeper: open nonces and the payloads of each nonce.
#include "node/modules/emissions/keeper.h"

#include "node/modules/address.h"
#include "node/modules/emissions/state_keys.h"

namespace allora::node::emissions {

using namespace keys;

// ---------------------------------------------------------------------------------------------
// Nonces and payloads

Result<pb::Nonces> EmissionsKeeper::workerNonces(const KvStore& store, uint64_t topicId) const {
    auto n = readProto<pb::Nonces>(store, topicKey(kWorkerNonces, topicId), "worker nonces");
    if (!n) return n.error();
    return *n ? std::move(**n) : pb::Nonces{};
}

Status EmissionsKeeper::setWorkerNonces(KvStore& store, uint64_t topicId,
                                        const pb::Nonces& nonces) const {
    if (nonces.nonces_size() == 0) return store.remove(topicKey(kWorkerNonces, topicId));
    return writeProto(store, topicKey(kWorkerNonces, topicId), nonces);
}

Result<pb::ReputerRequestNonces> EmissionsKeeper::reputerNonces(const KvStore& store,
                                                                uint64_t topicId) const {
    auto n = readProto<pb::ReputerRequestNonces>(store, topicKey(kReputerNonces, topicId),
                                                 "reputer nonces");
    if (!n) return n.error();
    return *n ? std::move(**n) : pb::ReputerRequestNonces{};
}

Status EmissionsKeeper::setReputerNonces(KvStore& store, uint64_t topicId,
                                         const pb::ReputerRequestNonces& nonces) const {
    if (nonces.nonces_size() == 0) return store.remove(topicKey(kReputerNonces, topicId));
    return writeProto(store, topicKey(kReputerNonces, topicId), nonces);
}

Result<bool> EmissionsKeeper::hasWorkerPayload(const KvStore& store, uint64_t topicId,
                                               int64_t nonce, ByteSpan worker) const {
    for (std::string_view prefix : {kInference, kForecast}) {
        auto raw = store.get(nonceKey(prefix, topicId, nonce, worker));
        if (!raw) return raw.error();
        if (raw->has_value()) return true;
    }
    return false;
}

Status EmissionsKeeper::setInference(KvStore& store, uint64_t topicId, int64_t nonce,
                                     ByteSpan worker, const pb::Inference& inference) const {
    if (auto s = writeProto(store, nonceKey(kInference, topicId, nonce, worker), inference); !s)
        return s;
    return writeProto(store, topicKey(kLatestInference, topicId, worker), inference);
}

Status EmissionsKeeper::setForecast(KvStore& store, uint64_t topicId, int64_t nonce,
                                    ByteSpan worker, const pb::Forecast& forecast) const {
    return writeProto(store, nonceKey(kForecast, topicId, nonce, worker), forecast);
}

Result<std::vector<pb::Inference>> EmissionsKeeper::inferencesAt(const KvStore& store,
                                                                 uint64_t topicId,
                                                                 int64_t nonce) const {
    return readAll<pb::Inference>(store, nonceKey(kInference, topicId, nonce, {}), "inference");
}

Result<std::vector<pb::Forecast>> EmissionsKeeper::forecastsAt(const KvStore& store,
                                                               uint64_t topicId,
                                                               int64_t nonce) const {
    return readAll<pb::Forecast>(store, nonceKey(kForecast, topicId, nonce, {}), "forecast");
}

Result<std::optional<pb::Inference>> EmissionsKeeper::latestInference(const KvStore& store,
                                                                      uint64_t topicId,
                                                                      ByteSpan worker) const {
    return readProto<pb::Inference>(store, topicKey(kLatestInference, topicId, worker),
                                    "inference");
}

Result<bool> EmissionsKeeper::hasReputerPayload(const KvStore& store, uint64_t topicId,
                                                int64_t nonce, ByteSpan reputer) const {
    auto raw = store.get(nonceKey(kReputerPayload, topicId, nonce, reputer));
    if (!raw) return raw.error();
    return raw->has_value();
}

Status EmissionsKeeper::setReputerPayload(KvStore& store, uint64_t topicId, int64_t nonce,
                                          ByteSpan reputer,
                                          const pb::ReputerValueBundle& bundle) const {
    return writeProto(store, nonceKey(kReputerPayload, topicId, nonce, reputer), bundle);
}

Result<std::vector<pb::ReputerValueBundle>> EmissionsKeeper::reputerPayloadsAt(
    const KvStore& store, uint64_t topicId, int64_t nonce) const {
    return readAll<pb::ReputerValueBundle>(store, nonceKey(kReputerPayload, topicId, nonce, {}),
                                           "reputer bundle");
}

Result<double> EmissionsKeeper::infererScoreEma(const KvStore& store, uint64_t topicId,
                                                ByteSpan inferer) const {
    auto raw = store.get(topicKey(kInfererEma, topicId, inferer));
    if (!raw) return raw.error();
    if (!*raw) return 0.0;
    return parseDecimal(
        std::string_view(reinterpret_cast<const char*>((*raw)->data()), (*raw)->size()));
}

}  // namespace allora::node::emissions
