#include "node/modules/emissions/rewards_payout.h"

#include <cmath>

#include "node/modules/address.h"
#include "node/modules/emissions/rewards.h"
#include "node/modules/emissions/sortition.h"
#include "node/modules/emissions/task_split.h"
#include "node/modules/emissions/topic_weights.h"
#include "node/modules/reward_pool.h"

namespace allora::node::emissions {

namespace ae = ::allora::emissions;

namespace {

Event skippedEvent(uint64_t topicId, int64_t nonce, const std::string& reason) {
    return Event{"emissions.v9.EventRewardsSkipped",
                 {{"topic_id", std::to_string(topicId)},
                  {"nonce", std::to_string(nonce)},
                  {"reason", reason}}};
}

struct Decimals {
    double pInf, cInf, pFc, cFc, pRep, eps, taskAlpha, beta;
};

Result<Decimals> decimals(const Params& p, const Topic& topic) {
    Decimals d{};
    struct F {
        const std::string& text;
        double* into;
    };
    for (const F& f : {F{p.p_reward_inference(), &d.pInf}, F{p.c_reward_inference(), &d.cInf},
                       F{p.p_reward_forecast(), &d.pFc}, F{p.c_reward_forecast(), &d.cFc},
                       F{p.p_reward_reputer(), &d.pRep}, F{topic.epsilon(), &d.eps},
                       F{p.task_reward_alpha(), &d.taskAlpha}, F{p.beta_entropy(), &d.beta}}) {
        auto v = parseDecimal(f.text);
        if (!v) return makeError(ErrorCode::Corrupt, "reward param: " + v.message());
        *f.into = *v;
    }
    return d;
}

// This nonce's scores first, then earlier epochs', up to maxSamples values.
Result<std::vector<double>> scoreSamples(const KvStore& store, ScoreKind kind, const Topic& topic,
                                         int64_t nonce, const ae::ActorValues& current,
                                         size_t maxSamples) {
    std::vector<ae::ActorValues> epochs{current};
    const int64_t step = std::max<int64_t>(topic.epoch_length(), 1);
    for (size_t k = 1; k < maxSamples && nonce - static_cast<int64_t>(k) * step > 0; ++k) {
        auto s = scoresAt(store, kind, topic.id(), nonce - static_cast<int64_t>(k) * step);
        if (!s) return s.error();
        if (!s->empty()) epochs.push_back(std::move(*s));
    }
    return ae::latestScoreSamples(epochs, maxSamples);
}

// Smooths and stores a task's fractions; its modified entropy (0 without actors).
Result<double> taskEntropy(KvStore& store, ScoreKind kind, uint64_t topicId,
                           const ae::ActorValues& fractions, const Decimals& d) {
    if (fractions.empty()) return 0.0;
    auto previous = smoothedFractions(store, kind, topicId);
    if (!previous) return previous.error();
    auto smoothed = ae::smoothRewardFractions(fractions, *previous, d.taskAlpha);
    if (!smoothed) return smoothed.error();
    if (auto s = setSmoothedFractions(store, kind, topicId, smoothed->normalized); !s)
        return s.error();
    return ae::modifiedEntropy(*smoothed, d.beta);
}

struct Payer {
    const EmissionsKeeper& keeper;
    MsgContext& ctx;
    const Topic& topic;
    int64_t nonce;
    Amount left;  // of the topic reward
    Amount paid;

    TxStatus move(std::string_view toModule, ByteSpan to, const Amount& amount) {
        const Bytes dest = toModule.empty() ? Bytes(to.begin(), to.end()) : moduleAddress(toModule);
        return keeper.bank().send(ctx.store, ctx.block.timeUnixNanos / 1'000'000'000,
                                  moduleAddress(kRewardsName), dest,
                                  Coins{Coin{std::string(kBondDenom), amount}}, &ctx.events);
    }
    void event(const char* kind, const std::string& address, const Amount& amount) {
        ctx.events.push_back(Event{"emissions.v9.EventRewardPaid",
                                   {{"topic_id", std::to_string(topic.id())},
                                    {"nonce", std::to_string(nonce)},
                                    {"kind", kind},
                                    {"address", address},
                                    {"amount", amount.toCoinString()}}});
    }
    // ⌊task · fraction⌋, at most what is left.
    Result<Amount> share(const Amount& task, double fraction) {
        auto a = fractionOf(task, fraction);
        if (!a) return a.error();
        const Amount out = std::min(*a, left);
        left = *left.sub(out);
        paid = *paid.add(out);
        return out;
    }
    TxStatus payWorkers(const char* kind, const ae::ActorValues& fractions, const Amount& task) {
        for (const auto& [actor, fraction] : fractions) {
            auto amount = share(task, fraction);
            if (!amount) return TxStatus::internal(amount.error());
            if (amount->isZero()) continue;
            auto a = parseAddress(actor);
            if (!a) return TxStatus::internal(a.error());
            if (TxStatus s = move({}, *a, *amount); !s.ok()) return s;
            event(kind, actor, *amount);
        }
        return TxStatus::success();
    }
    TxStatus payReputers(const ae::ActorValues& fractions, const Amount& task) {
        const uint64_t id = topic.id();
        for (const auto& [actor, fraction] : fractions) {
            auto amount = share(task, fraction);
            if (!amount) return TxStatus::internal(amount.error());
            if (amount->isZero()) continue;
            auto a = parseAddress(actor);
            if (!a) return TxStatus::internal(a.error());
            auto own = keeper.reputerStake(ctx.store, id, *a);
            auto delegated = keeper.delegatedTo(ctx.store, id, *a);
            if (!own) return TxStatus::internal(own.error());
            if (!delegated) return TxStatus::internal(delegated.error());
            Amount toDelegators;
            if (!delegated->isZero()) {
                auto total = own->add(*delegated);
                if (!total) return TxStatus::internal(total.error());
                auto part = amount->mulDiv(*delegated, *total);
                if (!part) return TxStatus::internal(part.error());
                toDelegators = *part;
            }
            const Amount toReputer = *amount->sub(toDelegators);
            if (!toDelegators.isZero()) {
                if (TxStatus s = move(kPendingRewardsName, {}, toDelegators); !s.ok()) return s;
                if (auto s = keeper.addDelegatorReward(ctx.store, id, *a, toDelegators); !s)
                    return TxStatus::internal(s.error());
                event("delegators", actor, toDelegators);
            }
            if (!toReputer.isZero()) {
                if (TxStatus s = move(kStakingName, {}, toReputer); !s.ok()) return s;
                if (auto s = keeper.addReputerStake(ctx.store, id, *a, toReputer, false); !s)
                    return TxStatus::internal(s.error());
                event("reputer", actor, toReputer);
            }
        }
        return TxStatus::success();
    }
};

}  // namespace

TxStatus payEpochRewards(const EmissionsKeeper& keeper, MsgContext& ctx, const Topic& topic,
                         int64_t nonce, const ae::LossBundle& losses, const EpochScores& scores,
                         RewardOutcome* outcome) {
    const uint64_t id = topic.id();
    auto params = keeper.params(ctx.store);
    if (!params) return TxStatus::internal(params.error());
    auto d = decimals(*params, topic);
    if (!d) return TxStatus::internal(d.error());
    const size_t maxSamples = params->max_samples_to_scale_scores();

    // Fractions per task.
    ae::ActorValues infFractions, fcFractions, repFractions;
    auto workerFractions = [&](ScoreKind kind, const ae::ActorValues& s, double p, double c,
                               ae::ActorValues& into) -> TxStatus {
        if (s.empty()) return TxStatus::success();
        auto samples = scoreSamples(ctx.store, kind, topic, nonce, s, maxSamples);
        if (!samples) return TxStatus::internal(samples.error());
        auto f = ae::workerRewardFractions(s, *samples, ae::WorkerRewardParams{p, c, d->eps});
        if (f) into = std::move(*f);
        return TxStatus::success();
    };
    if (TxStatus s =
            workerFractions(ScoreKind::Inferer, scores.inferers, d->pInf, d->cInf, infFractions);
        !s.ok())
        return s;
    if (TxStatus s =
            workerFractions(ScoreKind::Forecaster, scores.forecasters, d->pFc, d->cFc, fcFractions);
        !s.ok())
        return s;
    if (!scores.reputers.empty()) {
        auto f = ae::reputerRewardFractions(scores.reputerStakes, scores.reputers, d->pRep);
        if (f) repFractions = std::move(*f);
    }
    if (infFractions.empty() || repFractions.empty()) {
        ctx.events.push_back(skippedEvent(id, nonce, "no inferer or reputer reward fractions"));
        return TxStatus::success();
    }

    // Task split.
    auto F = taskEntropy(ctx.store, ScoreKind::Inferer, id, infFractions, *d);
    auto G = taskEntropy(ctx.store, ScoreKind::Forecaster, id, fcFractions, *d);
    auto H = taskEntropy(ctx.store, ScoreKind::Reputer, id, repFractions, *d);
    for (const auto* e : {&F, &G, &H})
        if (!*e) return TxStatus::internal(e->error());
    const Bytes tauKey = topicKey("em/tau/", id);
    auto tau = readDecimalAt(ctx.store, tauKey);
    if (!tau) return TxStatus::internal(tau.error());
    const ae::ForecastingUtility utility =
        ae::forecastingUtility(ae::forecastingPerformanceScore(losses.naive, losses.combined),
                               scores.inferers, tau->value_or(0.0), d->taskAlpha);
    if (std::isfinite(utility.scoreRatio))
        if (auto s = writeDecimalAt(ctx.store, tauKey, utility.scoreRatio); !s)
            return TxStatus::internal(s.error());
    auto split = ae::taskRewardSplit(*F, *G, *H, utility.chi);
    if (!split) {
        ctx.events.push_back(skippedEvent(id, nonce, split.message()));
        return TxStatus::success();
    }
    auto previousShare = reputerRewardShare(ctx.store);
    if (!previousShare) return TxStatus::internal(previousShare.error());
    std::optional<double> prev;
    if (*previousShare)
        if (auto v = parseDecimal(**previousShare); v) prev = *v;
    const double repShare = ae::scoreEma(d->taskAlpha, split->reputers, prev);
    if (std::isfinite(repShare))
        if (auto s = setReputerRewardShare(ctx.store, formatDecimal(repShare)); !s)
            return TxStatus::internal(s.error());
    ctx.events.push_back(Event{"emissions.v9.EventTaskSplit",
                               {{"topic_id", std::to_string(id)},
                                {"nonce", std::to_string(nonce)},
                                {"chi", formatDecimal(utility.chi)},
                                {"gamma", formatDecimal(split->gamma)},
                                {"inferers", formatDecimal(split->inferers)},
                                {"forecasters", formatDecimal(split->forecasters)},
                                {"reputers", formatDecimal(split->reputers)}}});

    // Inclusions (whether or not coins are paid).
    for (const ae::ActorValues* set : {&infFractions, &fcFractions})
        for (const auto& [actor, f] : *set) {
            auto a = parseAddress(actor);
            if (!a) return TxStatus::internal(a.error());
            if (auto s = addInclusion(ctx.store, id, *a); !s) return TxStatus::internal(s.error());
        }

    // Payouts.
    auto reward = topicReward(keeper, ctx.store, topic);
    if (!reward) return TxStatus::internal(reward.error());
    Payer payer{keeper, ctx, topic, nonce, *reward, Amount{}};
    if (!reward->isZero()) {
        auto infTask = fractionOf(*reward, split->inferers);
        auto fcTask = fractionOf(*reward, split->forecasters);
        auto repTask = fractionOf(*reward, split->reputers);
        for (const auto* t : {&infTask, &fcTask, &repTask})
            if (!*t) return TxStatus::internal(t->error());
        if (TxStatus s = payer.payWorkers("inferer", infFractions, *infTask); !s.ok()) return s;
        if (TxStatus s = payer.payWorkers("forecaster", fcFractions, *fcTask); !s.ok()) return s;
        if (TxStatus s = payer.payReputers(repFractions, *repTask); !s.ok()) return s;
    }
    ctx.events.push_back(Event{"emissions.v9.EventTopicRewards",
                               {{"topic_id", std::to_string(id)},
                                {"nonce", std::to_string(nonce)},
                                {"reward", reward->toCoinString()},
                                {"paid", payer.paid.toCoinString()}}});
    if (outcome != nullptr) *outcome = RewardOutcome{*reward, payer.paid};
    return TxStatus::success();
}

}  // namespace allora::node::emissions
