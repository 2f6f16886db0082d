#include "node/modules/emissions/payloads.h"

#include <algorithm>
#include <set>

#include "allora/emissions/v9/tx.pb.h"
#include "core/encoding.h"
#include "core/secp256k1.h"
#include "node/modules/emissions/epoch.h"
#include "node/modules/emissions/msgs_common.h"

namespace allora::node::emissions {

Bytes workerBundleSignBytes(const pb::InferenceForecastBundle& bundle) {
    return node::toBytes(bundle);
}

Bytes reputerBundleSignBytes(const pb::ValueBundle& bundle) {
    return node::toBytes(bundle);
}

namespace {

// Charges the bundle's signature check to the tx's gas (validateBasic runs before any meter
// exists, so the charge is made when the message executes, before anything else).
TxStatus chargeSignatureGas(MsgContext& ctx) {
    GasMeter* gas = ctx.store.gasMeter();
    if (gas != nullptr && !gas->consume(kPayloadSignatureGas, "payload verify: secp256k1"))
        return TxStatus::fail(TxCode::OutOfGas, gas->outOfGasLog());
    return TxStatus::success();
}

// The signer's key: 66 hex characters of a valid compressed key whose address is `owner`.
TxStatus checkSigner(const std::string& pubkeyHex, const std::string& owner, Bytes& pub) {
    auto raw = fromHex(pubkeyHex);
    if (!raw || raw->size() != 33 || !secp256k1::isValidPublicKey(*raw))
        return TxStatus::fail(TxCode::InvalidPubKey,
                              "pubkey must be the hex of a 33-byte compressed secp256k1 key");
    const Hash160 h = hash160(*raw);
    if (formatAddress(ByteSpan(h.data(), h.size())) != owner)
        return TxStatus::fail(
            TxCode::Unauthorized,
            "pubkey's address " + formatAddress(ByteSpan(h.data(), h.size())) + " is not " + owner);
    pub = std::move(*raw);
    return TxStatus::success();
}

TxStatus checkSignature(ByteSpan pub, const Bytes& signed_, const std::string& sig,
                        const char* what) {
    if (sig.size() != 64)
        return TxStatus::fail(TxCode::Unauthorized,
                              std::string(what) + " signature must be 64 bytes (r‖s)");
    if (!secp256k1::verify(pub, signed_, asBytes(sig)))
        return TxStatus::fail(TxCode::Unauthorized,
                              std::string(what) + " signature does not verify");
    return TxStatus::success();
}

TxStatus checkValue(const std::string& field, const std::string& value) {
    auto v = parseDecimal(value);
    if (!v) return invalid(field + ": " + v.message());
    return TxStatus::success();
}

TxStatus workerBasic(const pb::InsertWorkerPayloadRequest& m, std::vector<std::string>& signers) {
    if (TxStatus s = senderSigns(m.sender(), signers); !s.ok()) return s;
    if (!m.has_worker_data_bundle()) return invalid("worker_data_bundle is missing");
    const pb::WorkerDataBundle& b = m.worker_data_bundle();
    if (TxStatus s = checkAddress("worker", b.worker()); !s.ok()) return s;
    if (!b.has_nonce()) return invalid("worker data bundle nonce is missing");
    if (!b.has_inference_forecasts_bundle())
        return invalid("inference_forecasts_bundle is missing");
    const pb::InferenceForecastBundle& ifb = b.inference_forecasts_bundle();
    if (!ifb.has_inference() && !ifb.has_forecast())
        return invalid("the bundle has neither an inference nor a forecast");
    const int64_t nonce = b.nonce().block_height();
    if (ifb.has_inference()) {
        const pb::Inference& inf = ifb.inference();
        if (inf.topic_id() != b.topic_id())
            return invalid("inference topic_id " + std::to_string(inf.topic_id()) +
                           " is not the bundle's " + std::to_string(b.topic_id()));
        if (inf.block_height() != nonce)
            return invalid("inference block_height " + std::to_string(inf.block_height()) +
                           " is not the nonce " + std::to_string(nonce));
        if (inf.inferer() != b.worker())
            return TxStatus::fail(TxCode::Unauthorized,
                                  "inferer " + inf.inferer() + " is not the worker " + b.worker());
        if (TxStatus s = checkValue("inference value", inf.value()); !s.ok()) return s;
    }
    if (ifb.has_forecast()) {
        const pb::Forecast& fc = ifb.forecast();
        if (fc.topic_id() != b.topic_id())
            return invalid("forecast topic_id " + std::to_string(fc.topic_id()) +
                           " is not the bundle's " + std::to_string(b.topic_id()));
        if (fc.block_height() != nonce)
            return invalid("forecast block_height " + std::to_string(fc.block_height()) +
                           " is not the nonce " + std::to_string(nonce));
        if (fc.forecaster() != b.worker())
            return TxStatus::fail(TxCode::Unauthorized, "forecaster " + fc.forecaster() +
                                                            " is not the worker " + b.worker());
        if (fc.forecast_elements_size() == 0) return invalid("the forecast has no elements");
        for (const auto& e : fc.forecast_elements()) {
            if (TxStatus s = checkAddress("forecast element inferer", e.inferer()); !s.ok())
                return s;
            if (TxStatus s = checkValue("forecast value for " + e.inferer(), e.value()); !s.ok())
                return s;
        }
    }
    Bytes pub;
    if (TxStatus s = checkSigner(b.pubkey(), b.worker(), pub); !s.ok()) return s;
    return checkSignature(pub, workerBundleSignBytes(ifb),
                          b.inferences_forecasts_bundle_signature(), "bundle");
}

// Keeps the elements of registered inferers (first one per inferer), at most max, ranked by the
// inferers' EMA score (ties: submission order); kept elements stay in submission order.
Result<pb::Forecast> filterForecast(const EmissionsKeeper& keeper, const KvStore& store,
                                    const pb::Forecast& fc, uint64_t max) {
    struct Kept {
        int index;
        double score;
    };
    std::vector<Kept> kept;
    std::set<std::string> seen;
    for (int i = 0; i < fc.forecast_elements_size(); ++i) {
        const auto& e = fc.forecast_elements(i);
        if (!seen.insert(e.inferer()).second) continue;
        const Bytes inferer = *parseAddress(e.inferer());
        auto registered = keeper.isRegistered(store, fc.topic_id(), inferer, false);
        if (!registered) return registered.error();
        if (!*registered) continue;
        auto score = keeper.infererScoreEma(store, fc.topic_id(), inferer);
        if (!score) return score.error();
        kept.push_back({i, *score});
    }
    if (kept.size() > max) {
        std::stable_sort(kept.begin(), kept.end(),
                         [](const Kept& a, const Kept& b) { return a.score > b.score; });
        kept.resize(max);
        std::sort(kept.begin(), kept.end(),
                  [](const Kept& a, const Kept& b) { return a.index < b.index; });
    }
    pb::Forecast out = fc;
    out.clear_forecast_elements();
    for (const Kept& k : kept) *out.add_forecast_elements() = fc.forecast_elements(k.index);
    return out;
}

TxStatus insertWorkerPayload(const EmissionsKeeper& keeper, MsgContext& ctx,
                             const pb::InsertWorkerPayloadRequest& m) {
    if (TxStatus s = chargeSignatureGas(ctx); !s.ok()) return s;
    const pb::WorkerDataBundle& b = m.worker_data_bundle();
    Topic topic;
    if (TxStatus s = requireTopic(keeper, ctx.store, b.topic_id(), topic); !s.ok()) return s;
    const Bytes worker = *parseAddress(b.worker());
    auto registered = keeper.isRegistered(ctx.store, b.topic_id(), worker, false);
    if (!registered) return TxStatus::internal(registered.error());
    if (!*registered)
        return invalid(b.worker() + " is not registered as a worker in topic " +
                       std::to_string(b.topic_id()));
    const int64_t nonce = b.nonce().block_height();
    auto open = keeper.workerNonces(ctx.store, b.topic_id());
    if (!open) return TxStatus::internal(open.error());
    const bool isOpen = std::any_of(open->nonces().begin(), open->nonces().end(),
                                    [&](const pb::Nonce& n) { return n.block_height() == nonce; });
    if (!isOpen)
        return invalid("worker nonce " + std::to_string(nonce) + " is not open in topic " +
                       std::to_string(b.topic_id()));
    const auto h = static_cast<int64_t>(ctx.block.height);
    if (!inWorkerWindow(topic, nonce, h))
        return invalid("height " + std::to_string(h) + " is outside the worker window [" +
                       std::to_string(nonce + 1) + ", " +
                       std::to_string(workerWindowEnd(topic, nonce)) + "] of nonce " +
                       std::to_string(nonce));
    auto dup = keeper.hasWorkerPayload(ctx.store, b.topic_id(), nonce, worker);
    if (!dup) return TxStatus::internal(dup.error());
    if (*dup)
        return invalid(b.worker() + " already submitted for nonce " + std::to_string(nonce) +
                       " in topic " + std::to_string(b.topic_id()));
    const pb::InferenceForecastBundle& ifb = b.inference_forecasts_bundle();
    std::optional<pb::Forecast> forecast;
    if (ifb.has_forecast()) {
        auto params = keeper.params(ctx.store);
        if (!params) return TxStatus::internal(params.error());
        auto filtered =
            filterForecast(keeper, ctx.store, ifb.forecast(), params->max_elements_per_forecast());
        if (!filtered) return TxStatus::internal(filtered.error());
        if (filtered->forecast_elements_size() > 0) forecast = std::move(*filtered);
    }
    if (!ifb.has_inference() && !forecast)
        return invalid("no forecast element names a registered inferer of topic " +
                       std::to_string(b.topic_id()));
    Params params;
    ParsedParams amounts;
    if (TxStatus s = requireParams(keeper, ctx.store, params, amounts); !s.ok()) return s;
    const Bytes sender = *parseAddress(m.sender());
    if (TxStatus s =
            keeper.chargeFee(ctx, sender, amounts.dataSendingFee, b.topic_id(), "data sending fee");
        !s.ok())
        return s;
    if (ifb.has_inference())
        if (auto s = keeper.setInference(ctx.store, b.topic_id(), nonce, worker, ifb.inference());
            !s)
            return TxStatus::internal(s.error());
    if (forecast)
        if (auto s = keeper.setForecast(ctx.store, b.topic_id(), nonce, worker, *forecast); !s)
            return TxStatus::internal(s.error());
    ctx.events.push_back(Event{"emissions.v9.EventWorkerPayload",
                               {{"topic_id", std::to_string(b.topic_id())},
                                {"worker", b.worker()},
                                {"nonce", std::to_string(nonce)}}});
    return TxStatus::success();
}

TxStatus checkAttributed(const std::string& what, const std::string& worker,
                         const std::string& value) {
    if (TxStatus s = checkAddress(what + " worker", worker); !s.ok()) return s;
    return checkValue(what + " value of " + worker, value);
}

TxStatus reputerBasic(const pb::InsertReputerPayloadRequest& m, std::vector<std::string>& signers) {
    if (TxStatus s = senderSigns(m.sender(), signers); !s.ok()) return s;
    if (!m.has_reputer_value_bundle() || !m.reputer_value_bundle().has_value_bundle())
        return invalid("reputer_value_bundle is missing");
    const pb::ValueBundle& v = m.reputer_value_bundle().value_bundle();
    if (TxStatus s = checkAddress("reputer", v.reputer()); !s.ok()) return s;
    if (!v.has_reputer_request_nonce() || !v.reputer_request_nonce().has_reputer_nonce())
        return invalid("reputer_request_nonce is missing");
    if (TxStatus s = checkValue("combined_value", v.combined_value()); !s.ok()) return s;
    if (TxStatus s = checkValue("naive_value", v.naive_value()); !s.ok()) return s;
    for (const auto& x : v.inferer_values())
        if (TxStatus s = checkAttributed("inferer", x.worker(), x.value()); !s.ok()) return s;
    for (const auto& x : v.forecaster_values())
        if (TxStatus s = checkAttributed("forecaster", x.worker(), x.value()); !s.ok()) return s;
    for (const auto& x : v.one_out_inferer_values())
        if (TxStatus s = checkAttributed("one-out inferer", x.worker(), x.value()); !s.ok())
            return s;
    for (const auto& x : v.one_out_forecaster_values())
        if (TxStatus s = checkAttributed("one-out forecaster", x.worker(), x.value()); !s.ok())
            return s;
    for (const auto& x : v.one_in_forecaster_values())
        if (TxStatus s = checkAttributed("one-in forecaster", x.worker(), x.value()); !s.ok())
            return s;
    for (const auto& f : v.one_out_inferer_forecaster_values()) {
        if (TxStatus s = checkAddress("one-out inferer forecaster", f.forecaster()); !s.ok())
            return s;
        for (const auto& x : f.one_out_inferer_values())
            if (TxStatus s = checkAttributed("one-out inferer forecaster", x.worker(), x.value());
                !s.ok())
                return s;
    }
    Bytes pub;
    if (TxStatus s = checkSigner(m.reputer_value_bundle().pubkey(), v.reputer(), pub); !s.ok())
        return s;
    return checkSignature(pub, reputerBundleSignBytes(v), m.reputer_value_bundle().signature(),
                          "value bundle");
}

TxStatus insertReputerPayload(const EmissionsKeeper& keeper, MsgContext& ctx,
                              const pb::InsertReputerPayloadRequest& m) {
    if (TxStatus s = chargeSignatureGas(ctx); !s.ok()) return s;
    const pb::ValueBundle& v = m.reputer_value_bundle().value_bundle();
    Topic topic;
    if (TxStatus s = requireTopic(keeper, ctx.store, v.topic_id(), topic); !s.ok()) return s;
    const Bytes reputer = *parseAddress(v.reputer());
    auto registered = keeper.isRegistered(ctx.store, v.topic_id(), reputer, true);
    if (!registered) return TxStatus::internal(registered.error());
    if (!*registered)
        return invalid(v.reputer() + " is not registered as a reputer in topic " +
                       std::to_string(v.topic_id()));
    Params params;
    ParsedParams amounts;
    if (TxStatus s = requireParams(keeper, ctx.store, params, amounts); !s.ok()) return s;
    auto stake = keeper.reputerAuthority(ctx.store, v.topic_id(), reputer);
    if (!stake) return TxStatus::internal(stake.error());
    if (*stake < amounts.requiredMinimumStake)
        return invalid(v.reputer() + " has " + stake->toCoinString() + " staked in topic " +
                       std::to_string(v.topic_id()) + ", below the required minimum " +
                       amounts.requiredMinimumStake.toCoinString());
    const int64_t nonce = v.reputer_request_nonce().reputer_nonce().block_height();
    auto open = keeper.reputerNonces(ctx.store, v.topic_id());
    if (!open) return TxStatus::internal(open.error());
    const bool isOpen = std::any_of(open->nonces().begin(), open->nonces().end(),
                                    [&](const pb::ReputerRequestNonce& n) {
                                        return n.reputer_nonce().block_height() == nonce;
                                    });
    if (!isOpen)
        return invalid("reputer nonce " + std::to_string(nonce) + " is not open in topic " +
                       std::to_string(v.topic_id()));
    const auto h = static_cast<int64_t>(ctx.block.height);
    const int64_t gtl = topic.ground_truth_lag();
    if (h < nonce + gtl || h > nonce + 2 * gtl)
        return invalid("height " + std::to_string(h) + " is outside the reputer window [" +
                       std::to_string(nonce + gtl) + ", " + std::to_string(nonce + 2 * gtl) + "]");
    auto dup = keeper.hasReputerPayload(ctx.store, v.topic_id(), nonce, reputer);
    if (!dup) return TxStatus::internal(dup.error());
    if (*dup)
        return invalid(v.reputer() + " already reported for nonce " + std::to_string(nonce) +
                       " in topic " + std::to_string(v.topic_id()));
    const Bytes sender = *parseAddress(m.sender());
    if (TxStatus s =
            keeper.chargeFee(ctx, sender, amounts.dataSendingFee, v.topic_id(), "data sending fee");
        !s.ok())
        return s;
    if (auto s = keeper.setReputerPayload(ctx.store, v.topic_id(), nonce, reputer,
                                          m.reputer_value_bundle());
        !s)
        return TxStatus::internal(s.error());
    ctx.events.push_back(Event{"emissions.v9.EventReputerPayload",
                               {{"topic_id", std::to_string(v.topic_id())},
                                {"reputer", v.reputer()},
                                {"nonce", std::to_string(nonce)}}});
    return TxStatus::success();
}

}  // namespace

void registerPayloadMessages(MsgRouter& router, std::shared_ptr<const EmissionsKeeper> keeper) {
    addHandler<pb::InsertWorkerPayloadRequest>(
        router, "InsertWorkerPayloadRequest", workerBasic,
        [keeper](MsgContext& ctx, const pb::InsertWorkerPayloadRequest& m) {
            return insertWorkerPayload(*keeper, ctx, m);
        });
    addHandler<pb::InsertReputerPayloadRequest>(
        router, "InsertReputerPayloadRequest", reputerBasic,
        [keeper](MsgContext& ctx, const pb::InsertReputerPayloadRequest& m) {
            return insertReputerPayload(*keeper, ctx, m);
        });
}

}  // namespace allora::node::emissions
