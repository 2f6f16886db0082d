#include "node/modules/emissions/topic_history.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "node/modules/emissions/epoch_close.h"
#include "node/modules/emissions/epoch_state.h"
#include "node/modules/emissions/state_keys.h"

namespace allora::node::emissions {

namespace {

// The percentiles of NetworkInferences::confidence_interval_values (synthesis.h).
constexpr const char* kBandPercentiles[] = {"2.28", "15.87", "50", "84.13", "97.72"};

Bytes indexKey(uint64_t topicId) {
    return topicKey(keys::kTopicHistory, topicId);
}

Bytes recordKey(uint64_t topicId, int64_t height) {
    Bytes k = indexKey(topicId);
    appendU64(k, static_cast<uint64_t>(height));
    return k;
}

Result<std::vector<int64_t>> readIndex(const KvStore& store, uint64_t topicId) {
    auto raw = store.get(indexKey(topicId));
    if (!raw) return raw.error();
    std::vector<int64_t> heights;
    if (!*raw) return heights;
    const Bytes& b = **raw;
    if (b.size() % 8 != 0)
        return makeError(ErrorCode::Corrupt, "stored history index is malformed");
    heights.reserve(b.size() / 8);
    for (size_t at = 0; at < b.size(); at += 8)
        heights.push_back(static_cast<int64_t>(readU64(b, at)));
    return heights;
}

Status writeIndex(KvStore& store, uint64_t topicId, const std::vector<int64_t>& heights) {
    Bytes b;
    b.reserve(heights.size() * 8);
    for (int64_t h : heights) appendU64(b, static_cast<uint64_t>(h));
    return store.set(indexKey(topicId), b);
}

using WeightTexts = std::map<std::string, std::string, std::less<>>;

// Each actor's weight divided by the sum of all weights (inferers' and forecasters', in their
// stored order), inferers' and forecasters' apart (a worker may be both); none when a stored
// weight does not read back or the sum is not a positive finite number.
std::pair<WeightTexts, WeightTexts> normalisedWeights(const pb::NetworkInferences& n) {
    std::vector<double> inferer, forecaster;
    double sum = 0;
    for (const auto& [list, into] : {std::pair{&n.inferer_weights(), &inferer},
                                     std::pair{&n.forecaster_weights(), &forecaster}})
        for (const auto& w : *list) {
            auto v = parseDecimal(w.value());
            if (!v) return {};
            into->push_back(*v);
            sum += *v;
        }
    if (!(sum > 0) || !std::isfinite(sum)) return {};
    std::pair<WeightTexts, WeightTexts> out;
    for (int i = 0; i < n.inferer_weights_size(); ++i)
        out.first.emplace(n.inferer_weights(i).worker(), formatDecimal(inferer[i] / sum));
    for (int i = 0; i < n.forecaster_weights_size(); ++i)
        out.second.emplace(n.forecaster_weights(i).worker(), formatDecimal(forecaster[i] / sum));
    return out;
}

// Removes the entries under `prefix` whose next 8 bytes (a big-endian nonce) are at most
// `through`; the scan stops at the first later nonce, so a prune visits only what it removes.
Status removeThrough(KvStore& store, const Bytes& prefix, int64_t through) {
    std::vector<Bytes> doomed;
    auto s = store.forEachPrefix(prefix, [&](ByteSpan key, ByteSpan) {
        if (key.size() < prefix.size() + 8) return true;
        if (static_cast<int64_t>(readU64(key, prefix.size())) > through) return false;
        doomed.emplace_back(key.begin(), key.end());
        return true;
    });
    if (!s) return s;
    for (const Bytes& k : doomed)
        if (auto r = store.remove(k); !r) return r;
    return {};
}

}  // namespace

Status pruneNonceRecords(KvStore& store, uint64_t topicId, int64_t through) {
    for (std::string_view prefix :
         {keys::kInference, keys::kForecast, keys::kReputerPayload, keys::kNetworkLoss})
        if (auto s = removeThrough(store, topicKey(prefix, topicId), through); !s) return s;
    for (ScoreKind kind : {ScoreKind::Inferer, ScoreKind::Forecaster, ScoreKind::Reputer})
        for (std::string_view prefix : {keys::kScore, keys::kActiveSet})
            if (auto s = removeThrough(store, kindKey(prefix, kind, topicId), through); !s)
                return s;
    return {};
}

Status recordEpochInferences(KvStore& store, const pb::NetworkInferences& n) {
    pb::TopicEpochRecord r;
    r.set_topic_id(n.topic_id());
    r.set_block_height(n.block_height());
    r.set_network_inference(n.combined_value());
    r.set_naive_inference(n.naive_value());
    if (n.confidence_interval_values_size() == static_cast<int>(std::size(kBandPercentiles))) {
        for (const char* p : kBandPercentiles) r.add_confidence_interval_percentiles(p);
        for (const auto& v : n.confidence_interval_values()) r.add_confidence_interval_values(v);
    }
    const auto [infererWeights, forecasterWeights] = normalisedWeights(n);
    auto add = [](const auto& values, const WeightTexts& weights, auto* into) {
        for (const auto& v : values) {
            auto* w = into->Add();
            w->set_worker(v.worker());
            w->set_value(v.value());
            if (auto it = weights.find(v.worker()); it != weights.end()) w->set_weight(it->second);
        }
    };
    add(n.inferer_values(), infererWeights, r.mutable_inferers());
    add(n.forecaster_values(), forecasterWeights, r.mutable_forecasters());
    *r.mutable_one_out_inferer_values() = n.one_out_inferer_values();
    *r.mutable_one_out_forecaster_values() = n.one_out_forecaster_values();
    *r.mutable_one_in_forecaster_values() = n.one_in_forecaster_values();

    auto heights = readIndex(store, n.topic_id());
    if (!heights) return heights.error();
    auto at = std::lower_bound(heights->begin(), heights->end(), n.block_height());
    if (at == heights->end() || *at != n.block_height()) heights->insert(at, n.block_height());
    // The bound: the oldest records go (nonces only grow, so the new one is never among them),
    // and with them every per-nonce record of their age (pruneNonceRecords).
    while (heights->size() > kTopicHistoryMaxEpochs) {
        if (auto s = store.remove(recordKey(n.topic_id(), heights->front())); !s) return s;
        if (auto s = pruneNonceRecords(store, n.topic_id(), heights->front()); !s) return s;
        heights->erase(heights->begin());
    }
    if (auto s = writeProto(store, recordKey(n.topic_id(), n.block_height()), r); !s) return s;
    return writeIndex(store, n.topic_id(), *heights);
}

Status recordEpochClose(KvStore& store, uint64_t topicId, int64_t nonce, int64_t closedAt) {
    auto record = topicEpochRecord(store, topicId, nonce);
    if (!record) return record.error();
    if (!*record) return {};
    pb::TopicEpochRecord& r = **record;
    auto losses = networkLossBundle(store, topicId, nonce);
    if (!losses) return losses.error();
    if (!*losses) return {};
    r.set_network_loss((*losses)->combined_value());
    r.set_naive_loss((*losses)->naive_value());
    auto fill = [&](auto* workers, ScoreKind kind, RegretFamily family) -> Status {
        auto scores = scoresAt(store, kind, topicId, nonce);
        if (!scores) return scores.error();
        for (auto& w : *workers) {
            auto regret = storedRegret(store, topicId, family, "", w.worker());
            if (!regret) return regret.error();
            w.set_regret(*regret ? formatDecimal(**regret) : std::string());
            auto it = scores->find(w.worker());
            w.set_score(it != scores->end() ? formatDecimal(it->second) : std::string());
        }
        return {};
    };
    if (auto s = fill(r.mutable_inferers(), ScoreKind::Inferer, RegretFamily::Inferer); !s)
        return s;
    if (auto s = fill(r.mutable_forecasters(), ScoreKind::Forecaster, RegretFamily::Forecaster); !s)
        return s;
    r.set_closed_at_block(closedAt);
    return writeProto(store, recordKey(topicId, nonce), r);
}

Result<std::optional<pb::TopicEpochRecord>> topicEpochRecord(const KvStore& store, uint64_t topicId,
                                                             int64_t nonce) {
    if (nonce < 0) return std::optional<pb::TopicEpochRecord>{};
    return readProto<pb::TopicEpochRecord>(store, recordKey(topicId, nonce), "history record");
}

Result<pb::GetTopicEpochHistoryResponse> topicEpochHistory(const KvStore& store, uint64_t topicId,
                                                           int64_t before, uint32_t limit) {
    auto heights = readIndex(store, topicId);
    if (!heights) return heights.error();
    auto end =
        before > 0 ? std::lower_bound(heights->begin(), heights->end(), before) : heights->end();
    pb::GetTopicEpochHistoryResponse out;
    while (end != heights->begin() && static_cast<uint32_t>(out.records_size()) < limit) {
        --end;
        auto r = topicEpochRecord(store, topicId, *end);
        if (!r) return r.error();
        if (!*r) return makeError(ErrorCode::Corrupt, "history index names a missing record");
        *out.add_records() = std::move(**r);
    }
    out.set_next_before_block_height(end != heights->begin() ? *end : 0);
    return out;
}

pb::NetworkInferences networkInferencesOf(const pb::TopicEpochRecord& record) {
    pb::NetworkInferences n;
    n.set_topic_id(record.topic_id());
    n.set_block_height(record.block_height());
    n.set_combined_value(record.network_inference());
    n.set_naive_value(record.naive_inference());
    auto add = [](const auto& workers, auto* values, auto* weights) {
        for (const auto& w : workers) {
            auto* v = values->Add();
            v->set_worker(w.worker());
            v->set_value(w.value());
            if (w.weight().empty()) continue;
            auto* x = weights->Add();
            x->set_worker(w.worker());
            x->set_value(w.weight());
        }
    };
    add(record.inferers(), n.mutable_inferer_values(), n.mutable_inferer_weights());
    add(record.forecasters(), n.mutable_forecaster_values(), n.mutable_forecaster_weights());
    for (const auto& v : record.confidence_interval_values()) n.add_confidence_interval_values(v);
    *n.mutable_one_out_inferer_values() = record.one_out_inferer_values();
    *n.mutable_one_out_forecaster_values() = record.one_out_forecaster_values();
    *n.mutable_one_in_forecaster_values() = record.one_in_forecaster_values();
    return n;
}

}  // namespace allora::node::emissions
