#include "node/participants/losses.h"

#include <charconv>
#include <cmath>
#include <optional>

namespace allora::participants {

namespace pb = ::emissions::v9;

namespace {

std::optional<double> parse(const std::string& text) {
    double v = 0;
    const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || p != text.data() + text.size() || !std::isfinite(v))
        return std::nullopt;
    return v;
}

template <typename Out, typename In>
void addLosses(Out* out, const In& in, double truth, LossMethod method, double minLoss) {
    for (const auto& x : in) {
        auto v = parse(x.value());
        if (!v) continue;
        auto* y = out->Add();
        y->set_worker(x.worker());
        y->set_value(decimalText(logLoss(method, truth, *v, minLoss)));
    }
}

}  // namespace

Result<LossMethod> parseLossMethod(std::string_view name) {
    if (name == "mse") return LossMethod::Mse;
    if (name == "mae") return LossMethod::Mae;
    return makeError(ErrorCode::Unsupported,
                     "loss method '" + std::string(name) + "' is not supported (mse, mae)");
}

const char* lossMethodName(LossMethod method) {
    return method == LossMethod::Mse ? "mse" : "mae";
}

double pointLoss(LossMethod method, double truth, double value) {
    const double e = value - truth;
    return method == LossMethod::Mse ? e * e : std::abs(e);
}

double logLoss(LossMethod method, double truth, double value, double minLoss) {
    return std::log10(std::max(pointLoss(method, truth, value), std::max(minLoss, kMinLoss)));
}

double lossFloor(LossMethod method, double resolution) {
    return pointLoss(method, 0, std::abs(resolution) / 2);
}

std::string decimalText(double value) {
    char buf[64];
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, value);
    if (ec != std::errc()) return "0";
    return std::string(buf, end);
}

Result<pb::ValueBundle> lossBundle(const pb::NetworkInferences& n, double truth, LossMethod method,
                                   const std::string& reputer, double minLoss) {
    if (!std::isfinite(truth))
        return makeError(ErrorCode::InvalidArgument, "the ground truth is not a finite number");
    auto combined = parse(n.combined_value());
    auto naive = parse(n.naive_value());
    if (!combined || !naive)
        return makeError(ErrorCode::InvalidArgument, "the network inferences of topic " +
                                                         std::to_string(n.topic_id()) + " at " +
                                                         std::to_string(n.block_height()) +
                                                         " have no valid combined or naive value");
    pb::ValueBundle v;
    v.set_topic_id(n.topic_id());
    v.mutable_reputer_request_nonce()->mutable_reputer_nonce()->set_block_height(n.block_height());
    v.set_reputer(reputer);
    v.set_combined_value(decimalText(logLoss(method, truth, *combined, minLoss)));
    v.set_naive_value(decimalText(logLoss(method, truth, *naive, minLoss)));
    addLosses(v.mutable_inferer_values(), n.inferer_values(), truth, method, minLoss);
    addLosses(v.mutable_forecaster_values(), n.forecaster_values(), truth, method, minLoss);
    addLosses(v.mutable_one_out_inferer_values(), n.one_out_inferer_values(), truth, method,
              minLoss);
    addLosses(v.mutable_one_out_forecaster_values(), n.one_out_forecaster_values(), truth, method,
              minLoss);
    addLosses(v.mutable_one_in_forecaster_values(), n.one_in_forecaster_values(), truth, method,
              minLoss);
    return v;
}

}  // namespace allora::participants
