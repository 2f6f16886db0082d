#include "node/modules/emissions/epoch_scores.h"

#include <cmath>

#include "node/modules/address.h"
#include "node/modules/emissions/sortition.h"
#include "node/modules/emissions/synthesis_statistics.h"

namespace allora::node::emissions {

namespace ae = ::allora::emissions;

namespace {

// The last active quantile of a kind (a newcomer's rank), em/quant/ kind id.
Bytes quantileKey(ScoreKind kind, uint64_t topicId) {
    return kindKey("em/quant/", kind, topicId);
}

Result<double> decimalField(const std::string& text, const char* name) {
    auto v = parseDecimal(text);
    if (!v) return makeError(ErrorCode::Corrupt, std::string(name) + ": " + v.message());
    return *v;
}

}  // namespace

Result<double> activeQuantileParam(const Topic& topic, ScoreKind kind) {
    switch (kind) {
        case ScoreKind::Inferer:
            return decimalField(topic.active_inferer_quantile(), "active_inferer_quantile");
        case ScoreKind::Forecaster:
            return decimalField(topic.active_forecaster_quantile(), "active_forecaster_quantile");
        case ScoreKind::Reputer:
            break;
    }
    return decimalField(topic.active_reputer_quantile(), "active_reputer_quantile");
}

Result<std::set<ae::Address>> drawActiveSet(KvStore& store, ScoreKind kind, const Topic& topic,
                                            int64_t nonce, const std::set<ae::Address>& candidates,
                                            uint64_t maxActive) {
    std::map<ae::Address, ae::SortitionCandidate, std::less<>> pool;
    for (const ae::Address& actor : candidates) {
        auto a = parseAddress(actor);
        if (!a) return a.error();
        auto ema = scoreEmaOf(store, kind, topic.id(), *a);
        if (!ema) return ema.error();
        pool.emplace(actor, ae::SortitionCandidate{*ema});
    }
    auto newcomer = readDecimalAt(store, quantileKey(kind, topic.id()));
    if (!newcomer) return newcomer.error();
    auto set = ae::selectActiveSet(pool, maxActive, newcomer->value_or(0.0));
    if (!set) return set.error();
    std::map<ae::Address, bool, std::less<>> drawn;
    for (const ae::Address& actor : candidates) drawn.emplace(actor, set->active.count(actor) > 0);
    if (auto s = setSortition(store, kind, topic.id(), nonce, drawn); !s) return s.error();
    return set->active;
}

Status updateScoreEmas(KvStore& store, ScoreKind kind, const Topic& topic, int64_t nonce,
                       const ae::ActorValues& activeScores) {
    auto drawn = sortitionAt(store, kind, topic.id(), nonce);
    if (!drawn) return drawn.error();
    ae::ActorValues previous;
    for (const auto& [actor, active] : *drawn) {
        auto a = parseAddress(actor);
        if (!a) return a.error();
        auto ema = scoreEmaOf(store, kind, topic.id(), *a);
        if (!ema) return ema.error();
        if (*ema) previous.emplace(actor, **ema);
    }
    ae::ActorValues scores;
    for (const auto& [actor, score] : activeScores)
        if (std::isfinite(score)) scores.emplace(actor, score);
    if (scores.empty()) return {};
    auto alpha = decimalField(topic.merit_sortition_alpha(), "merit_sortition_alpha");
    if (!alpha) return alpha.error();
    auto q = activeQuantileParam(topic, kind);
    if (!q) return q.error();
    auto update = ae::updateScoreEmas(previous, scores, ae::SortitionParams{0, *alpha, *q});
    if (!update) return update.error();
    // A passive newcomer starts at the quantile (its EMA "from nothing" towards q).
    for (const auto& [actor, active] : *drawn)
        if (!active && previous.count(actor) == 0) update->emas[actor] = update->activeQuantile;
    for (const auto& [actor, ema] : update->emas) {
        if (!std::isfinite(ema)) continue;
        auto a = parseAddress(actor);
        if (!a) return a.error();
        if (auto s = setScoreEma(store, kind, topic.id(), *a, ema); !s) return s;
    }
    return writeDecimalAt(store, quantileKey(kind, topic.id()), update->activeQuantile);
}

uint64_t experiencedInclusions(double alphaRegret) {
    if (!(alphaRegret > 0)) return 1;
    const double n = std::ceil(1.0 / alphaRegret);
    return n < 1 ? 1 : static_cast<uint64_t>(n);
}

Status updateInitialRegret(const EmissionsKeeper& keeper, KvStore& store, Topic& topic,
                           const Params& params, const ae::LossBundle& losses) {
    auto alpha = decimalField(topic.alpha_regret(), "alpha_regret");
    auto p = decimalField(topic.p_norm(), "p_norm");
    auto eps = decimalField(topic.epsilon(), "epsilon");
    auto q = decimalField(params.initial_regret_quantile(), "initial_regret_quantile");
    auto safe = decimalField(params.p_norm_safe_div(), "p_norm_safe_div");
    auto c = decimalField(topic.c_norm().empty() ? params.c_norm() : topic.c_norm(), "c_norm");
    for (const auto* r : {&alpha, &p, &eps, &q, &safe, &c})
        if (!*r) return r->error();
    const uint64_t needed = experiencedInclusions(*alpha);
    std::vector<double> regrets;  // inferers then forecasters, each in address order
    auto collect = [&](RegretFamily family, const ae::ActorValues& actors) -> Status {
        for (const auto& [actor, loss] : actors) {
            auto a = parseAddress(actor);
            if (!a) return a.error();
            auto n = inclusionCount(store, topic.id(), *a);
            if (!n) return n.error();
            if (*n < needed) continue;
            auto r = storedRegret(store, topic.id(), family, "", actor);
            if (!r) return r.error();
            if (*r && std::isfinite(**r)) regrets.push_back(**r);
        }
        return {};
    };
    if (auto s = collect(RegretFamily::Inferer, losses.inferer); !s) return s;
    if (auto s = collect(RegretFamily::Forecaster, losses.forecaster); !s) return s;
    if (regrets.empty()) return {};
    const double value = ae::quantileDescending(regrets, *q) +
                         (*c - *safe / *p) * (ae::sampleStdDev(regrets) + *eps);
    if (!std::isfinite(value)) return {};
    topic.set_initial_regret(formatDecimal(value));
    return keeper.setTopic(store, topic);
}

}  // namespace allora::node::emissions
