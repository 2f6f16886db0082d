#include "node/modules/emissions/epoch_close.h"

#include <charconv>
#include <cmath>
#include <set>

#include "node/modules/address.h"
#include "node/modules/emissions/epoch_scores.h"
#include "node/modules/emissions/epoch_state.h"
#include "node/modules/emissions/genesis.h"
#include "node/modules/emissions/network_losses.h"
#include "node/modules/emissions/regrets.h"
#include "node/modules/emissions/reputer_consensus.h"
#include "node/modules/emissions/rewards_payout.h"
#include "node/modules/emissions/scores.h"
#include "node/modules/emissions/synthesis.h"
#include "node/modules/emissions/topic_history.h"
#include "node/modules/proto_util.h"

namespace allora::node::emissions {

namespace ae = ::allora::emissions;

namespace {

Result<Bytes> regretKey(uint64_t topicId, RegretFamily family, const std::string& withheld,
                        const std::string& actor) {
    Bytes k = allora::toBytes("em/regret/");
    k.push_back(static_cast<uint8_t>(family));
    appendU64(k, topicId);
    if (regretFamilyHasWithheld(family)) {
        auto w = parseAddress(withheld);
        if (!w) return w.error();
        k.insert(k.end(), w->begin(), w->end());
    }
    auto a = parseAddress(actor);
    if (!a) return a.error();
    k.insert(k.end(), a->begin(), a->end());
    return k;
}

// regretKey with each address parsed once: an epoch's regret update builds about N·(N + K) keys
// from N + K addresses.
class RegretKeys {
public:
    explicit RegretKeys(uint64_t topicId) : topicId_(topicId) {}

    Result<Bytes> of(RegretFamily family, const std::string& withheld, const std::string& actor) {
        Bytes k = allora::toBytes("em/regret/");
        k.push_back(static_cast<uint8_t>(family));
        appendU64(k, topicId_);
        if (regretFamilyHasWithheld(family)) {
            auto w = parsed(withheld);
            if (!w) return w.error();
            k.insert(k.end(), (*w)->begin(), (*w)->end());
        }
        auto a = parsed(actor);
        if (!a) return a.error();
        k.insert(k.end(), (*a)->begin(), (*a)->end());
        return k;
    }

private:
    Result<const Bytes*> parsed(const std::string& address) {
        auto it = parsed_.find(address);
        if (it == parsed_.end()) {
            auto a = parseAddress(address);
            if (!a) return a.error();
            it = parsed_.emplace(address, std::move(*a)).first;
        }
        return &it->second;
    }

    uint64_t topicId_;
    std::map<std::string, Bytes, std::less<>> parsed_;
};

// The stored regrets the synthesis reads, by index (SynthesisInput::indexedRegrets: inferers and
// forecasters numbered in ascending address order); a regret not stored is the topic's initial
// regret. Each address is parsed once and each key built from its row's prefix. The withheld
// actor's own entry of a one-out row is never stored (the regret update skips it), so it is the
// initial regret without a read.
Result<ae::IndexedRegrets> readSynthesisRegrets(const KvStore& store, uint64_t topicId,
                                                const ae::SynthesisInput& in, double initial) {
    std::vector<Bytes> inferers;
    std::vector<Bytes> forecasters;
    for (const auto& entry : in.inferences) {
        auto a = parseAddress(entry.first);
        if (!a) return a.error();
        inferers.push_back(std::move(*a));
    }
    for (const auto& entry : in.forecasts) {
        auto a = parseAddress(entry.first);
        if (!a) return a.error();
        forecasters.push_back(std::move(*a));
    }
    Bytes key;
    // Appends to `into` the regrets of `actors` in family f's row of `withheld` (none: nullptr),
    // the initial regret at position `own`.
    auto row = [&](RegretFamily f, const Bytes* withheld, const std::vector<Bytes>& actors,
                   std::vector<double>& into, size_t own = SIZE_MAX) -> Status {
        key = allora::toBytes("em/regret/");
        key.push_back(static_cast<uint8_t>(f));
        appendU64(key, topicId);
        if (withheld) key.insert(key.end(), withheld->begin(), withheld->end());
        const size_t prefix = key.size();
        for (size_t i = 0; i < actors.size(); ++i) {
            if (i == own) {
                into.push_back(initial);
                continue;
            }
            key.resize(prefix);
            key.insert(key.end(), actors[i].begin(), actors[i].end());
            auto r = readDecimalAt(store, key);
            if (!r) return r.error();
            into.push_back(r->value_or(initial));
        }
        return {};
    };
    using F = RegretFamily;
    const size_t n = inferers.size();
    const size_t k = forecasters.size();
    ae::IndexedRegrets r;
    r.oneOutInfererInferer.reserve(n * n);
    r.oneOutInfererForecaster.reserve(n * k);
    r.oneOutForecasterInferer.reserve(k * n);
    r.oneOutForecasterForecaster.reserve(k * k);
    r.oneInForecasterInferer.reserve(k * n);
    if (Status s = row(F::Inferer, nullptr, inferers, r.inferer); !s) return s.error();
    if (Status s = row(F::Forecaster, nullptr, forecasters, r.forecaster); !s) return s.error();
    if (Status s = row(F::NaiveInferer, nullptr, inferers, r.naiveInferer); !s) return s.error();
    for (size_t w = 0; w < n; ++w) {
        if (Status s =
                row(F::OneOutInfererInferer, &inferers[w], inferers, r.oneOutInfererInferer, w);
            !s)
            return s.error();
        if (Status s = row(F::OneOutInfererForecaster, &inferers[w], forecasters,
                           r.oneOutInfererForecaster);
            !s)
            return s.error();
    }
    for (size_t w = 0; w < k; ++w) {
        if (Status s = row(F::OneOutForecasterInferer, &forecasters[w], inferers,
                           r.oneOutForecasterInferer);
            !s)
            return s.error();
        if (Status s = row(F::OneOutForecasterForecaster, &forecasters[w], forecasters,
                           r.oneOutForecasterForecaster, w);
            !s)
            return s.error();
        if (Status s =
                row(F::OneInForecasterInferer, &forecasters[w], inferers, r.oneInForecasterInferer);
            !s)
            return s.error();
        const std::vector<Bytes> self{forecasters[w]};
        if (Status s = row(F::OneInForecasterForecaster, &forecasters[w], self,
                           r.oneInForecasterForecaster);
            !s)
            return s.error();
    }
    return r;
}

Result<double> decimalOf(const std::string& text) {
    return parseDecimal(text);
}

Result<ae::LossBundle> toLossBundle(const pb::ValueBundle& v) {
    ae::LossBundle b;
    auto combined = decimalOf(v.combined_value());
    auto naive = decimalOf(v.naive_value());
    if (!combined) return combined.error();
    if (!naive) return naive.error();
    b.combined = *combined;
    b.naive = *naive;
    auto fill = [](const auto& list, ae::ActorValues& into) -> Status {
        for (const auto& x : list) {
            auto d = decimalOf(x.value());
            if (!d) return d.error();
            into.emplace(x.worker(), *d);  // the first value for a worker counts
        }
        return {};
    };
    if (auto s = fill(v.inferer_values(), b.inferer); !s) return s.error();
    if (auto s = fill(v.forecaster_values(), b.forecaster); !s) return s.error();
    if (auto s = fill(v.one_out_inferer_values(), b.oneOutInferer); !s) return s.error();
    if (auto s = fill(v.one_out_forecaster_values(), b.oneOutForecaster); !s) return s.error();
    if (auto s = fill(v.one_in_forecaster_values(), b.oneInForecaster); !s) return s.error();
    for (const auto& f : v.one_out_inferer_forecaster_values())
        for (const auto& x : f.one_out_inferer_values()) {
            auto d = decimalOf(x.value());
            if (!d) return d.error();
            b.oneOutInfererForecaster[x.worker()].emplace(f.forecaster(), *d);
        }
    return b;
}

template <typename List>
void addValues(List* list, const ae::ActorValues& values) {
    for (const auto& [actor, value] : values) {
        auto* x = list->Add();
        x->set_worker(actor);
        x->set_value(formatDecimal(value));
    }
}

pb::ValueBundle fromLossBundle(const ae::LossBundle& b, uint64_t topicId, int64_t nonce) {
    pb::ValueBundle v;
    v.set_topic_id(topicId);
    v.mutable_reputer_request_nonce()->mutable_reputer_nonce()->set_block_height(nonce);
    v.set_combined_value(formatDecimal(b.combined));
    v.set_naive_value(formatDecimal(b.naive));
    addValues(v.mutable_inferer_values(), b.inferer);
    addValues(v.mutable_forecaster_values(), b.forecaster);
    addValues(v.mutable_one_out_inferer_values(), b.oneOutInferer);
    addValues(v.mutable_one_out_forecaster_values(), b.oneOutForecaster);
    addValues(v.mutable_one_in_forecaster_values(), b.oneInForecaster);
    // Regrouped by forecaster, as the public record holds them.
    std::map<ae::Address, ae::ActorValues, std::less<>> byForecaster;
    for (const auto& [withheld, forecasters] : b.oneOutInfererForecaster)
        for (const auto& [forecaster, loss] : forecasters)
            byForecaster[forecaster][withheld] = loss;
    for (const auto& [forecaster, values] : byForecaster) {
        auto* f = v.add_one_out_inferer_forecaster_values();
        f->set_forecaster(forecaster);
        addValues(f->mutable_one_out_inferer_values(), values);
    }
    return v;
}

Event skipped(const char* type, uint64_t topicId, int64_t nonce, const std::string& reason) {
    return Event{type,
                 {{"topic_id", std::to_string(topicId)},
                  {"nonce", std::to_string(nonce)},
                  {"reason", reason}}};
}

Bytes scoreKey(ScoreKind kind, uint64_t topicId, int64_t nonce, ByteSpan address) {
    Bytes k = allora::toBytes(keys::kScore);
    k.push_back(static_cast<uint8_t>(kind));
    appendU64(k, topicId);
    appendU64(k, static_cast<uint64_t>(nonce));
    k.insert(k.end(), address.begin(), address.end());
    return k;
}

Bytes listeningKey(uint64_t topicId, ByteSpan reputer) {
    Bytes k = topicKey("em/listen/", topicId);
    k.insert(k.end(), reputer.begin(), reputer.end());
    return k;
}

Status storeScores(KvStore& store, ScoreKind kind, uint64_t topicId, int64_t nonce,
                   const ae::ActorValues& scores) {
    for (const auto& [actor, score] : scores) {
        if (!std::isfinite(score)) continue;
        auto a = parseAddress(actor);
        if (!a) return a.error();
        if (auto s = writeDecimalAt(store, scoreKey(kind, topicId, nonce, *a), score); !s) return s;
    }
    return {};
}

// Reputer consensus over the eligible reputers' reports: scores for this nonce and the listening
// coefficients for the next epoch.
TxStatus reputerScores(const EmissionsKeeper& keeper, MsgContext& ctx, const Topic& topic,
                       int64_t nonce,
                       const std::map<ae::Address, ae::ReputerReport, std::less<>>& reports,
                       double minimumStake, ae::ActorValues& scores) {
    auto params = keeper.params(ctx.store);
    if (!params) return TxStatus::internal(params.error());
    std::map<ae::Address, ae::LossBundle, std::less<>> reported;
    for (const auto& [reputer, report] : reports)
        if (report.stake >= minimumStake) reported.emplace(reputer, report.losses);
    if (reported.empty()) return TxStatus::success();
    const auto matrix = ae::lossMatrix(reported);
    std::map<ae::Address, ae::ReputerInput, std::less<>> inputs;
    size_t row = 0;
    for (const auto& [reputer, losses] : reported) {
        auto a = parseAddress(reputer);
        if (!a) return TxStatus::internal(a.error());
        auto coefficient = readDecimalAt(ctx.store, listeningKey(topic.id(), *a));
        if (!coefficient) return TxStatus::internal(coefficient.error());
        inputs.emplace(reputer, ae::ReputerInput{reports.find(reputer)->second.stake,
                                                 coefficient->value_or(1.0), matrix[row++]});
    }
    auto rate = parseDecimal(params->learning_rate()),
         threshold = parseDecimal(params->max_gradient_threshold()),
         minFraction = parseDecimal(params->min_stake_fraction()),
         epsReputer = parseDecimal(params->epsilon_reputer()), eps = parseDecimal(topic.epsilon());
    if (!rate || !threshold || !minFraction || !epsReputer || !eps)
        return TxStatus::fail(TxCode::Internal, "params hold an invalid decimal");
    ae::ReputerConsensusParams cp;
    cp.learningRate = *rate;
    cp.maxIterations =
        static_cast<int>(std::min<uint64_t>(params->gradient_descent_max_iters(), 1000));
    cp.gradientThreshold = *threshold;
    cp.minStakeFraction = *minFraction;
    cp.epsilonReputer = *epsReputer;
    cp.epsilon = *eps;
    auto outcome = ae::reputerConsensus(inputs, cp);
    if (!outcome) {
        ctx.events.push_back(skipped("emissions.v9.EventReputerScoresSkipped", topic.id(), nonce,
                                     outcome.message()));
        return TxStatus::success();
    }
    for (const auto& [reputer, o] : *outcome) {
        scores.emplace(reputer, o.score);
        auto a = parseAddress(reputer);
        if (!a) return TxStatus::internal(a.error());
        if (std::isfinite(o.listeningCoefficient))
            if (auto s =
                    writeDecimalAt(ctx.store, listeningKey(topic.id(), *a), o.listeningCoefficient);
                !s)
                return TxStatus::internal(s.error());
    }
    if (auto s = storeScores(ctx.store, ScoreKind::Reputer, topic.id(), nonce, scores); !s)
        return TxStatus::internal(s.error());
    return TxStatus::success();
}

}  // namespace

std::optional<RegretFamily> regretFamilyFromName(std::string_view name) {
    static const std::pair<std::string_view, RegretFamily> kNames[] = {
        {"inferer", RegretFamily::Inferer},
        {"forecaster", RegretFamily::Forecaster},
        {"naive_inferer", RegretFamily::NaiveInferer},
        {"one_out_inferer_inferer", RegretFamily::OneOutInfererInferer},
        {"one_out_inferer_forecaster", RegretFamily::OneOutInfererForecaster},
        {"one_out_forecaster_inferer", RegretFamily::OneOutForecasterInferer},
        {"one_out_forecaster_forecaster", RegretFamily::OneOutForecasterForecaster},
        {"one_in_forecaster_inferer", RegretFamily::OneInForecasterInferer},
        {"one_in_forecaster_forecaster", RegretFamily::OneInForecasterForecaster},
    };
    for (const auto& [n, f] : kNames)
        if (n == name) return f;
    return std::nullopt;
}

bool regretFamilyHasWithheld(RegretFamily family) {
    return static_cast<uint8_t>(family) >= static_cast<uint8_t>(RegretFamily::OneOutInfererInferer);
}

std::string formatDecimal(double value) {
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    if (ec != std::errc()) return "0";
    return std::string(buf, end);
}

Result<std::optional<double>> storedRegret(const KvStore& store, uint64_t topicId,
                                           RegretFamily family, const std::string& withheld,
                                           const std::string& actor) {
    auto k = regretKey(topicId, family, withheld, actor);
    if (!k) return k.error();
    return readDecimalAt(store, *k);
}

Result<ae::ActorValues> scoresAt(const KvStore& store, ScoreKind kind, uint64_t topicId,
                                 int64_t nonce) {
    return readActorValues(store, scoreKey(kind, topicId, nonce, {}), "score");
}

Result<double> listeningCoefficient(const KvStore& store, uint64_t topicId, ByteSpan reputer) {
    auto v = readDecimalAt(store, listeningKey(topicId, reputer));
    if (!v) return v.error();
    return v->value_or(1.0);
}

Result<std::optional<pb::NetworkInferences>> latestNetworkInferences(const KvStore& store,
                                                                     uint64_t topicId) {
    auto raw = store.get(topicKey("em/netinf/", topicId));
    if (!raw) return raw.error();
    if (!*raw) return std::optional<pb::NetworkInferences>{};
    pb::NetworkInferences n;
    if (!n.ParseFromArray((*raw)->data(), static_cast<int>((*raw)->size())))
        return makeError(ErrorCode::Corrupt, "stored network inferences do not decode");
    return std::optional<pb::NetworkInferences>(std::move(n));
}

Result<std::optional<pb::ValueBundle>> networkLossBundle(const KvStore& store, uint64_t topicId,
                                                         int64_t nonce) {
    Bytes k = topicKey(keys::kNetworkLoss, topicId);
    appendU64(k, static_cast<uint64_t>(nonce));
    auto raw = store.get(k);
    if (!raw) return raw.error();
    if (!*raw) return std::optional<pb::ValueBundle>{};
    pb::ValueBundle v;
    if (!v.ParseFromArray((*raw)->data(), static_cast<int>((*raw)->size())))
        return makeError(ErrorCode::Corrupt, "stored network losses do not decode");
    return std::optional<pb::ValueBundle>(std::move(v));
}

TxStatus synthesizeEpoch(const EmissionsKeeper& keeper, MsgContext& ctx, const Topic& topic,
                         int64_t nonce) {
    const uint64_t id = topic.id();
    auto infs = keeper.inferencesAt(ctx.store, id, nonce);
    if (!infs) return TxStatus::internal(infs.error());
    if (infs->empty()) return TxStatus::success();
    auto fcs = keeper.forecastsAt(ctx.store, id, nonce);
    if (!fcs) return TxStatus::internal(fcs.error());
    auto params = keeper.params(ctx.store);
    if (!params) return TxStatus::internal(params.error());
    // Merit sortition: only the active inferers and forecasters enter the synthesis.
    std::set<ae::Address> inferers, forecasters;
    for (const auto& inf : *infs) inferers.insert(inf.inferer());
    for (const auto& fc : *fcs) forecasters.insert(fc.forecaster());
    auto activeInferers = drawActiveSet(ctx.store, ScoreKind::Inferer, topic, nonce, inferers,
                                        params->max_top_inferers_to_reward());
    if (!activeInferers) return TxStatus::internal(activeInferers.error());
    auto activeForecasters = drawActiveSet(ctx.store, ScoreKind::Forecaster, topic, nonce,
                                           forecasters, params->max_top_forecasters_to_reward());
    if (!activeForecasters) return TxStatus::internal(activeForecasters.error());
    std::erase_if(*infs,
                  [&](const pb::Inference& i) { return activeInferers->count(i.inferer()) == 0; });
    std::erase_if(
        *fcs, [&](const pb::Forecast& f) { return activeForecasters->count(f.forecaster()) == 0; });
    if (infs->empty()) return TxStatus::success();
    auto pNorm = parseDecimal(topic.p_norm()), cNorm = parseDecimal(topic.c_norm()),
         eps = parseDecimal(topic.epsilon()), safe = parseDecimal(params->epsilon_safe_div()),
         initial = parseDecimal(topic.initial_regret());
    if (!pNorm || !cNorm || !eps || !safe || !initial)
        return TxStatus::fail(TxCode::Internal, "topic or params hold an invalid decimal");
    auto prev = readDecimalAt(ctx.store, topicKey("em/prevloss/", id));
    if (!prev) return TxStatus::internal(prev.error());

    ae::SynthesisInput in;
    in.params = ae::SynthesisParams{*pNorm, *cNorm, *eps, *safe};
    in.allNew = *initial == 0;
    in.previousNetworkLoss = *prev;
    for (const auto& inf : *infs) {
        auto v = parseDecimal(inf.value());
        if (!v) return TxStatus::internal(v.error());
        in.inferences.emplace(inf.inferer(), *v);
    }
    for (const auto& fc : *fcs) {
        ae::ForecastElements els;
        for (const auto& e : fc.forecast_elements()) {
            auto v = parseDecimal(e.value());
            if (!v) return TxStatus::internal(v.error());
            els.push_back(ae::ForecastElement{e.inferer(), *v});
        }
        in.forecasts.emplace(fc.forecaster(), std::move(els));
    }
    // Only the regret-weighted mode reads regrets: then all of its tables, by index.
    if (ae::synthesisReadsRegrets(in)) {
        auto regrets = readSynthesisRegrets(ctx.store, id, in, *initial);
        if (!regrets) return TxStatus::internal(regrets.error());
        in.indexedRegrets = std::move(*regrets);
    }

    auto out = ae::synthesize(in);
    if (!out) {
        ctx.events.push_back(
            skipped("emissions.v9.EventSynthesisSkipped", id, nonce, out.message()));
        return TxStatus::success();
    }
    pb::NetworkInferences n;
    n.set_topic_id(id);
    n.set_block_height(nonce);
    n.set_combined_value(formatDecimal(out->networkInference));
    n.set_naive_value(formatDecimal(out->naiveInference));
    addValues(n.mutable_inferer_values(), in.inferences);
    addValues(n.mutable_forecaster_values(), out->forecastImplied);
    addValues(n.mutable_one_out_inferer_values(), out->oneOutInferer);
    addValues(n.mutable_one_out_forecaster_values(), out->oneOutForecaster);
    addValues(n.mutable_one_in_forecaster_values(), out->oneInForecaster);
    if (out->confidenceInterval)
        for (double x : *out->confidenceInterval)
            n.add_confidence_interval_values(formatDecimal(x));
    if (out->weights) {
        addValues(n.mutable_inferer_weights(), out->weights->inferer);
        addValues(n.mutable_forecaster_weights(), out->weights->forecaster);
    }
    n.set_mode(ae::synthesisModeName(out->mode));
    if (auto s = ctx.store.set(topicKey("em/netinf/", id), node::toBytes(n)); !s)
        return TxStatus::internal(s.error());
    if (auto s = recordEpochInferences(ctx.store, n); !s) return TxStatus::internal(s.error());
    ctx.events.push_back(Event{"emissions.v9.EventNetworkInference",
                               {{"topic_id", std::to_string(id)},
                                {"nonce", std::to_string(nonce)},
                                {"value", n.combined_value()}}});
    return TxStatus::success();
}

TxStatus closeReputerEpoch(const EmissionsKeeper& keeper, MsgContext& ctx, Topic& topic,
                           int64_t nonce) {
    const uint64_t id = topic.id();
    auto bundles = keeper.reputerPayloadsAt(ctx.store, id, nonce);
    if (!bundles) return TxStatus::internal(bundles.error());
    if (bundles->empty()) return TxStatus::success();
    auto params = keeper.params(ctx.store);
    if (!params) return TxStatus::internal(params.error());
    auto amounts = parseParamAmounts(*params);
    if (!amounts) return TxStatus::internal(amounts.error());
    // Merit sortition of the reputers that may report (registered with the minimum stake when
    // they submitted; stake below the minimum now drops them here).
    std::map<ae::Address, std::pair<const pb::ValueBundle*, Amount>, std::less<>> eligible;
    for (const auto& b : *bundles) {
        const pb::ValueBundle& v = b.value_bundle();
        auto reputer = parseAddress(v.reputer());
        if (!reputer) return TxStatus::internal(reputer.error());
        auto stake = keeper.reputerAuthority(ctx.store, id, *reputer);
        if (!stake) return TxStatus::internal(stake.error());
        if (*stake < amounts->requiredMinimumStake) continue;
        eligible.emplace(v.reputer(), std::make_pair(&v, *stake));
    }
    std::set<ae::Address> candidates;
    for (const auto& [reputer, entry] : eligible) candidates.insert(reputer);
    auto activeReputers = drawActiveSet(ctx.store, ScoreKind::Reputer, topic, nonce, candidates,
                                        params->max_top_reputers_to_reward());
    if (!activeReputers) return TxStatus::internal(activeReputers.error());
    std::map<ae::Address, ae::ReputerReport, std::less<>> reports;
    for (const auto& [reputer, entry] : eligible) {
        if (activeReputers->count(reputer) == 0) continue;
        auto losses = toLossBundle(*entry.first);
        if (!losses) return TxStatus::internal(losses.error());
        reports.emplace(reputer, ae::ReputerReport{toDouble(entry.second), std::move(*losses)});
    }
    if (reports.empty()) return TxStatus::success();
    auto net = ae::networkLosses(reports, toDouble(amounts->requiredMinimumStake));
    if (!net) {
        ctx.events.push_back(skipped("emissions.v9.EventLossesSkipped", id, nonce, net.message()));
        return TxStatus::success();
    }
    Bytes lossKey = topicKey(keys::kNetworkLoss, id);
    appendU64(lossKey, static_cast<uint64_t>(nonce));
    if (auto s = ctx.store.set(lossKey, node::toBytes(fromLossBundle(*net, id, nonce))); !s)
        return TxStatus::internal(s.error());
    if (auto s = writeDecimalAt(ctx.store, topicKey("em/prevloss/", id), net->combined); !s)
        return TxStatus::internal(s.error());

    auto alpha = parseDecimal(topic.alpha_regret());
    auto initial = parseDecimal(topic.initial_regret());
    if (!alpha || !initial) return TxStatus::fail(TxCode::Internal, "topic holds invalid decimals");
    Status failure;
    RegretKeys regretKeys(id);
    auto update = [&](RegretFamily f, const std::string& withheld, const std::string& actor,
                      double networkLoss, double actorLoss) {
        if (!failure) return;
        auto key = regretKeys.of(f, withheld, actor);
        if (!key) {
            failure = key.error();
            return;
        }
        auto prev = readDecimalAt(ctx.store, *key);
        if (!prev) {
            failure = prev.error();
            return;
        }
        const double r =
            ae::updatedRegret(*alpha, networkLoss, actorLoss, prev->value_or(*initial));
        if (!std::isfinite(r)) return;  // keep the previous regret rather than store inf/NaN
        failure = writeDecimalAt(ctx.store, *key, r);
    };
    using F = RegretFamily;
    const ae::LossBundle& L = *net;
    Status sortitionFailure;
    auto activeOnly = [&](const ae::ActorValues& all, ScoreKind kind) {
        ae::ActorValues out;
        auto drawn = sortitionAt(ctx.store, kind, id, nonce);
        if (!drawn) {
            sortitionFailure = drawn.error();
            return out;
        }
        for (const auto& [actor, score] : all)
            if (auto it = drawn->find(actor);
                it != drawn->end() && it->second && std::isfinite(score))
                out.emplace(actor, score);
        return out;
    };
    for (const auto& [j, lj] : L.inferer) {
        update(F::Inferer, "", j, L.combined, lj);
        update(F::NaiveInferer, "", j, L.naive, lj);
    }
    for (const auto& [k, lk] : L.forecaster) update(F::Forecaster, "", k, L.combined, lk);
    for (const auto& [w, lw] : L.oneOutInferer) {
        for (const auto& [j, lj] : L.inferer)
            if (j != w) update(F::OneOutInfererInferer, w, j, lw, lj);
        if (auto it = L.oneOutInfererForecaster.find(w); it != L.oneOutInfererForecaster.end())
            for (const auto& [k, lkw] : it->second)
                update(F::OneOutInfererForecaster, w, k, lw, lkw);
    }
    for (const auto& [w, lw] : L.oneOutForecaster) {
        for (const auto& [j, lj] : L.inferer) update(F::OneOutForecasterInferer, w, j, lw, lj);
        for (const auto& [k, lk] : L.forecaster)
            if (k != w) update(F::OneOutForecasterForecaster, w, k, lw, lk);
    }
    for (const auto& [k, lplus] : L.oneInForecaster) {
        for (const auto& [j, lj] : L.inferer) update(F::OneInForecasterInferer, k, j, lplus, lj);
        if (auto it = L.forecaster.find(k); it != L.forecaster.end())
            update(F::OneInForecasterForecaster, k, k, lplus, it->second);
    }
    if (!failure) return TxStatus::internal(failure.error());

    // Scores of the epoch (a score the losses do not allow is skipped, with an event).
    EpochScores epoch;
    auto inferers = ae::infererScores(L);
    if (inferers) {
        if (auto s = storeScores(ctx.store, ScoreKind::Inferer, id, nonce, *inferers); !s)
            return TxStatus::internal(s.error());
        epoch.inferers = activeOnly(*inferers, ScoreKind::Inferer);
    } else {
        ctx.events.push_back(
            skipped("emissions.v9.EventInfererScoresSkipped", id, nonce, inferers.message()));
    }
    auto forecasters = ae::forecasterScores(L);
    if (forecasters) {
        if (auto s = storeScores(ctx.store, ScoreKind::Forecaster, id, nonce, *forecasters); !s)
            return TxStatus::internal(s.error());
        epoch.forecasters = activeOnly(*forecasters, ScoreKind::Forecaster);
    } else {
        ctx.events.push_back(
            skipped("emissions.v9.EventForecasterScoresSkipped", id, nonce, forecasters.message()));
    }
    if (TxStatus s = reputerScores(keeper, ctx, topic, nonce, reports,
                                   toDouble(amounts->requiredMinimumStake), epoch.reputers);
        !s.ok())
        return s;
    for (const auto& [reputer, score] : epoch.reputers)
        epoch.reputerStakes.emplace(reputer, reports.at(reputer).stake);
    if (!sortitionFailure) return TxStatus::internal(sortitionFailure.error());

    // EMA scores of the nonce's candidates, the topic's initial regret, the rewards.
    for (const auto& [kind, scores] : {std::pair{ScoreKind::Inferer, &epoch.inferers},
                                       std::pair{ScoreKind::Forecaster, &epoch.forecasters},
                                       std::pair{ScoreKind::Reputer, &epoch.reputers}})
        if (auto s = updateScoreEmas(ctx.store, kind, topic, nonce, *scores); !s)
            return TxStatus::internal(s.error());
    // Rewards count this epoch's inclusions, which the initial regret then sees.
    if (TxStatus s = payEpochRewards(keeper, ctx, topic, nonce, L, epoch); !s.ok()) return s;
    if (auto s = updateInitialRegret(keeper, ctx.store, topic, *params, L); !s)
        return TxStatus::internal(s.error());
    if (auto s = recordEpochClose(ctx.store, id, nonce, static_cast<int64_t>(ctx.block.height)); !s)
        return TxStatus::internal(s.error());
    ctx.events.push_back(Event{"emissions.v9.EventNetworkLosses",
                               {{"topic_id", std::to_string(id)},
                                {"nonce", std::to_string(nonce)},
                                {"combined", formatDecimal(L.combined)}}});
    return TxStatus::success();
}

}  // namespace allora::node::emissions
