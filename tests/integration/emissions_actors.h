// Emissions participants for tests and reference actors: signed worker payloads (an inference
// and/or a forecast), reputer value bundles whose losses are computed from a topic's latest
// network inferences against the ground truth, and signed transactions carrying them. Built with
// the real wallet tx builder and secp256k1 keys, so what they produce is what a wallet would send.
#pragma once

#include <QtGlobal>

#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "allora/emissions/v9/tx.pb.h"
#include "core/encoding.h"
#include "core/secp256k1.h"
#include "node/modules/emissions/epoch_close.h"
#include "node/modules/emissions/payloads.h"
#include "node/modules/proto_util.h"
#include "wallet/account.h"
#include "wallet/tx_builder.h"

namespace emactors {

namespace pb = ::emissions::v9;
namespace em = ::allora::node::emissions;
using allora::Bytes;

template <typename Msg>
allora::wallet::AnyMessage anyMessage(const std::string& name, const Msg& msg) {
    return allora::wallet::AnyMessage{"/emissions.v9." + name, allora::node::toBytes(msg)};
}

// A worker's payload for one nonce: an inference (optional) and forecasted losses for other
// inferers (may be empty), signed with the worker's key.
inline allora::wallet::AnyMessage workerPayload(
    const allora::wallet::Account& worker, uint64_t topic, int64_t nonce,
    std::optional<double> inference,
    const std::vector<std::pair<std::string, double>>& forecast = {}) {
    pb::WorkerDataBundle b;
    b.set_worker(worker.address);
    b.mutable_nonce()->set_block_height(nonce);
    b.set_topic_id(topic);
    auto* ifb = b.mutable_inference_forecasts_bundle();
    if (inference) {
        auto* inf = ifb->mutable_inference();
        inf->set_topic_id(topic);
        inf->set_block_height(nonce);
        inf->set_inferer(worker.address);
        inf->set_value(em::formatDecimal(*inference));
    }
    if (!forecast.empty()) {
        auto* fc = ifb->mutable_forecast();
        fc->set_topic_id(topic);
        fc->set_block_height(nonce);
        fc->set_forecaster(worker.address);
        for (const auto& [inferer, loss] : forecast) {
            auto* e = fc->add_forecast_elements();
            e->set_inferer(inferer);
            e->set_value(em::formatDecimal(loss));
        }
    }
    auto sig = allora::secp256k1::sign(worker.privateKey, em::workerBundleSignBytes(*ifb));
    b.set_inferences_forecasts_bundle_signature(std::string(sig->begin(), sig->end()));
    b.set_pubkey(allora::toHex(worker.publicKey));
    pb::InsertWorkerPayloadRequest m;
    m.set_sender(worker.address);
    *m.mutable_worker_data_bundle() = std::move(b);
    return anyMessage("InsertWorkerPayloadRequest", m);
}

// The log-loss a reputer reports for a value: log10 of the squared error (floored at 10^-12 so
// an exact hit stays finite).
inline double logLoss(double value, double truth) {
    const double e = (value - truth) * (value - truth);
    return std::log10(e > 1e-12 ? e : 1e-12);
}

inline double parsed(const std::string& text) {
    return std::stod(text);
}

// The losses of every output of a synthesis against the ground truth.
inline pb::ValueBundle lossesOf(const pb::NetworkInferences& n, double truth,
                                const std::string& reputer) {
    pb::ValueBundle v;
    v.set_topic_id(n.topic_id());
    v.mutable_reputer_request_nonce()->mutable_reputer_nonce()->set_block_height(n.block_height());
    v.set_reputer(reputer);
    v.set_combined_value(em::formatDecimal(logLoss(parsed(n.combined_value()), truth)));
    v.set_naive_value(em::formatDecimal(logLoss(parsed(n.naive_value()), truth)));
    auto copy = [&](const auto& from, auto* to) {
        for (const auto& x : from) {
            auto* y = to->Add();
            y->set_worker(x.worker());
            y->set_value(em::formatDecimal(logLoss(parsed(x.value()), truth)));
        }
    };
    copy(n.inferer_values(), v.mutable_inferer_values());
    copy(n.forecaster_values(), v.mutable_forecaster_values());
    copy(n.one_out_inferer_values(), v.mutable_one_out_inferer_values());
    copy(n.one_out_forecaster_values(), v.mutable_one_out_forecaster_values());
    copy(n.one_in_forecaster_values(), v.mutable_one_in_forecaster_values());
    return v;
}

inline allora::wallet::AnyMessage reputerPayload(const allora::wallet::Account& reputer,
                                                 const pb::ValueBundle& v) {
    pb::ReputerValueBundle rb;
    *rb.mutable_value_bundle() = v;
    auto sig = allora::secp256k1::sign(reputer.privateKey, em::reputerBundleSignBytes(v));
    rb.set_signature(std::string(sig->begin(), sig->end()));
    rb.set_pubkey(allora::toHex(reputer.publicKey));
    pb::InsertReputerPayloadRequest m;
    m.set_sender(reputer.address);
    *m.mutable_reputer_value_bundle() = std::move(rb);
    return anyMessage("InsertReputerPayloadRequest", m);
}

// A signed TxRaw of `msgs` from `from` (SIGN_MODE_DIRECT), fee = gas × 10 uallo.
inline Bytes signedTx(const allora::wallet::Account& from,
                      std::vector<allora::wallet::AnyMessage> msgs, uint64_t sequence,
                      uint64_t accountNumber, const std::string& chainId, uint64_t gas = 400'000) {
    allora::wallet::TxSpec spec;
    spec.messages = std::move(msgs);
    spec.fee.amount = {{"uallo", std::to_string(gas * 10)}};
    spec.fee.gasLimit = gas;
    spec.signerPublicKey = from.publicKey;
    spec.sequence = sequence;
    auto tx = allora::wallet::buildTx(spec);
    if (!tx) qFatal("buildTx: %s", tx.message().c_str());
    auto sig = allora::secp256k1::sign(from.privateKey, tx->signBytes(chainId, accountNumber));
    if (!sig) qFatal("sign: %s", sig.message().c_str());
    return tx->toTxRaw(*sig);
}

}  // namespace emactors
