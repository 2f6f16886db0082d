#include "node/modules/emissions/epoch_state.h"

#include <charconv>

#include "node/modules/address.h"

namespace allora::node::emissions {

namespace ae = ::allora::emissions;

namespace {

std::string_view text(ByteSpan b) {
    return std::string_view(reinterpret_cast<const char*>(b.data()), b.size());
}

std::string_view emaPrefix(ScoreKind kind) {
    switch (kind) {
        case ScoreKind::Inferer:
            return "em/ema/inf/";
        case ScoreKind::Forecaster:
            return "em/ema/fc/";
        case ScoreKind::Reputer:
            break;
    }
    return "em/ema/rep/";
}

Bytes sortitionKey(ScoreKind kind, uint64_t topicId, int64_t nonce) {
    Bytes k = kindKey(keys::kActiveSet, kind, topicId);
    appendU64(k, static_cast<uint64_t>(nonce));
    return k;
}

}  // namespace

Bytes kindKey(std::string_view prefix, ScoreKind kind, uint64_t topicId) {
    Bytes k = allora::toBytes(prefix);
    k.push_back(static_cast<uint8_t>(kind));
    appendU64(k, topicId);
    return k;
}

Result<std::optional<double>> readDecimalAt(const KvStore& store, const Bytes& key) {
    auto raw = store.get(key);
    if (!raw) return raw.error();
    if (!*raw) return std::optional<double>{};
    auto v = parseDecimal(text(**raw));
    if (!v) return makeError(ErrorCode::Corrupt, "stored emissions number: " + v.message());
    return std::optional<double>(*v);
}

Status writeDecimalAt(KvStore& store, const Bytes& key, double value) {
    return store.set(key, asBytes(formatDecimal(value)));
}

Bytes emaKey(ScoreKind kind, uint64_t topicId, ByteSpan address) {
    return topicKey(emaPrefix(kind), topicId, address);
}

Result<std::optional<double>> scoreEmaOf(const KvStore& store, ScoreKind kind, uint64_t topicId,
                                         ByteSpan address) {
    return readDecimalAt(store, emaKey(kind, topicId, address));
}

Status setScoreEma(KvStore& store, ScoreKind kind, uint64_t topicId, ByteSpan address, double ema) {
    return writeDecimalAt(store, emaKey(kind, topicId, address), ema);
}

Status setSortition(KvStore& store, ScoreKind kind, uint64_t topicId, int64_t nonce,
                    const std::map<ae::Address, bool, std::less<>>& drawn) {
    const Bytes prefix = sortitionKey(kind, topicId, nonce);
    for (const auto& [actor, active] : drawn) {
        auto a = parseAddress(actor);
        if (!a) return a.error();
        Bytes k = prefix;
        k.insert(k.end(), a->begin(), a->end());
        if (auto s = store.set(k, asBytes(active ? "1" : "0")); !s) return s;
    }
    return {};
}

Result<std::map<ae::Address, bool, std::less<>>> sortitionAt(const KvStore& store, ScoreKind kind,
                                                             uint64_t topicId, int64_t nonce) {
    const Bytes prefix = sortitionKey(kind, topicId, nonce);
    std::map<ae::Address, bool, std::less<>> out;
    auto s = store.forEachPrefix(prefix, [&](ByteSpan key, ByteSpan value) {
        out.emplace(formatAddress(key.subspan(prefix.size())), text(value) == "1");
        return true;
    });
    if (!s) return s.error();
    return out;
}

Result<uint64_t> inclusionCount(const KvStore& store, uint64_t topicId, ByteSpan worker) {
    auto raw = store.get(topicKey("em/incl/", topicId, worker));
    if (!raw) return raw.error();
    if (!*raw) return uint64_t{0};
    uint64_t n = 0;
    const std::string_view t = text(**raw);
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
    if (ec != std::errc() || end != t.data() + t.size())
        return makeError(ErrorCode::Corrupt, "stored inclusion count does not parse");
    return n;
}

Status addInclusion(KvStore& store, uint64_t topicId, ByteSpan worker) {
    auto n = inclusionCount(store, topicId, worker);
    if (!n) return n.error();
    return store.set(topicKey("em/incl/", topicId, worker), asBytes(std::to_string(*n + 1)));
}

Result<ae::ActorValues> readActorValues(const KvStore& store, const Bytes& prefix,
                                        std::string_view what) {
    ae::ActorValues out;
    Status failure;
    auto s = store.forEachPrefix(prefix, [&](ByteSpan key, ByteSpan value) {
        auto v = parseDecimal(text(value));
        if (!v) {
            failure =
                makeError(ErrorCode::Corrupt, "stored " + std::string(what) + ": " + v.message());
            return false;
        }
        out.emplace(formatAddress(key.subspan(prefix.size())), *v);
        return true;
    });
    if (!s) return s.error();
    if (!failure) return failure.error();
    return out;
}

Result<ae::ActorValues> smoothedFractions(const KvStore& store, ScoreKind kind, uint64_t topicId) {
    return readActorValues(store, kindKey("em/smooth/", kind, topicId), "smoothed fraction");
}

Status setSmoothedFractions(KvStore& store, ScoreKind kind, uint64_t topicId,
                            const ae::ActorValues& fractions) {
    const Bytes prefix = kindKey("em/smooth/", kind, topicId);
    for (const auto& [actor, f] : fractions) {
        auto a = parseAddress(actor);
        if (!a) return a.error();
        Bytes k = prefix;
        k.insert(k.end(), a->begin(), a->end());
        if (auto s = writeDecimalAt(store, k, f); !s) return s;
    }
    return {};
}

}  // namespace allora::node::emissions
