// The devnet's demo topics: one per embedded data set, each with the loss method that suits it,
// short epochs, and a replay start far enough into the series for every model to have history.
// A topic is recognised on chain by its metadata ("demo:FILE:COLUMN …"), so participants that
// restart find the topics they created.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "node/participants/dataset.h"
#include "node/participants/losses.h"

namespace allora::participants {

struct DemoTopic {
    DemoDataset dataset = DemoDataset::Sp500Close;
    LossMethod lossMethod = LossMethod::Mse;
    int64_t epochLength = 5;
    int64_t groundTruthLag = 5;
    int64_t workerSubmissionWindow = 3;
    std::string pNorm = "3";
    std::string alphaRegret = "0.1";
    std::string epsilon = "0.01";
    size_t startStep = 60;  // the series step epoch 0 predicts from

    std::string metadata() const;
    // The series step whose successor nonce `nonce` predicts: startStep + nonce / epochLength,
    // wrapping so that step + 1 stays inside the series.
    size_t stepOf(int64_t nonce) const;
};

// The three demo topics (S&P 500 close with MSE, Seattle's daily mean temperature as a 3-day
// trailing mean with MAE, CO2 with MSE), with the given epoch length (ground-truth lag = epoch
// length, submission window 3 or the epoch length when shorter), p_norm and alpha_regret chosen per
// series (demo_topics.cpp says why).
std::vector<DemoTopic> demoTopics(int64_t epochLength = 5);

// The demo topic a topic's metadata names, if any.
std::optional<DemoTopic> demoTopicFromMetadata(std::string_view metadata,
                                               const std::vector<DemoTopic>& topics);

}  // namespace allora::participants
