#include "node/modules/emissions/topic_rules.h"

#include <cstdio>
#include <string_view>

#include "node/modules/emissions/keeper.h"

namespace allora::node::emissions {

namespace {

// A bound as a person writes it: "2.5", "0", "1e+40".
std::string bound(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

// A decimal field within [lo, hi] (lo excluded when loOpen).
std::string decimalProblem(std::string_view field, const std::string& text, double lo, double hi,
                           bool loOpen) {
    auto v = parseDecimal(text);
    if (!v) return std::string(field) + ": " + v.message();
    if (*v < lo || *v > hi || (loOpen && *v == lo))
        return std::string(field) + " " + text + " is outside " + (loOpen ? "(" : "[") + bound(lo) +
               ", " + bound(hi) + "]";
    return {};
}

bool isLossMethodChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace

std::string topicFieldsProblem(const ::emissions::v9::CreateNewTopicRequest& m) {
    if (m.loss_method().empty()) return "loss_method is empty";
    for (char c : m.loss_method())
        if (!isLossMethodChar(c))
            return "loss_method \"" + m.loss_method() + "\" may only hold a-z, 0-9, '_' and '-'";
    if (m.epoch_length() <= 0) return "epoch_length must be positive";
    if (m.ground_truth_lag() < m.epoch_length())
        return "ground_truth_lag " + std::to_string(m.ground_truth_lag()) +
               " is below epoch_length " + std::to_string(m.epoch_length());
    if (m.ground_truth_lag() / 100 > m.epoch_length() ||
        (m.ground_truth_lag() / 100 == m.epoch_length() && m.ground_truth_lag() % 100 != 0))
        return "ground_truth_lag " + std::to_string(m.ground_truth_lag()) +
               " is above 100 × epoch_length";
    if (m.worker_submission_window() <= 0) return "worker_submission_window must be positive";
    if (m.worker_submission_window() > m.epoch_length())
        return "worker_submission_window " + std::to_string(m.worker_submission_window()) +
               " is above epoch_length " + std::to_string(m.epoch_length());
    struct Range {
        const char* field;
        const std::string& text;
        double lo, hi;
        bool loOpen;
    };
    const Range ranges[] = {
        {"p_norm", m.p_norm(), 2.5, 4.5, false},
        {"alpha_regret", m.alpha_regret(), 0, 1, true},
        {"epsilon", m.epsilon(), 0, 1e40, true},
        {"merit_sortition_alpha", m.merit_sortition_alpha(), 0, 1, false},
        {"active_inferer_quantile", m.active_inferer_quantile(), 0, 1, false},
        {"active_forecaster_quantile", m.active_forecaster_quantile(), 0, 1, false},
        {"active_reputer_quantile", m.active_reputer_quantile(), 0, 1, false},
    };
    for (const Range& r : ranges)
        if (std::string p = decimalProblem(r.field, r.text, r.lo, r.hi, r.loOpen); !p.empty())
            return p;
    if (m.enable_worker_whitelist() || m.enable_reputer_whitelist())
        return "topic whitelists are not supported on this chain";
    return {};
}

}  // namespace allora::node::emissions
