#include "node/modules/emissions/forecast_implied.h"

#include <vector>

#include "node/modules/emissions/synthesis_statistics.h"

namespace allora::emissions {

CoveredForecast coveredForecast(const ForecastElements& elements, const ActorValues& inferences) {
    CoveredForecast covered;
    for (const ForecastElement& element : elements) {
        if (!inferences.contains(element.inferer)) continue;
        covered.emplace(element.inferer, element.loss);  // emplace keeps the first of duplicates
    }
    return covered;
}

std::optional<double> forecastImpliedInference(const CoveredForecast& forecast,
                                               const ActorValues& inferences,
                                               double previousNetworkLoss,
                                               const WeightParams& params,
                                               std::optional<std::string_view> withheld) {
    size_t elements = 0;  // the withheld inferer included
    std::vector<double> regrets;
    std::vector<double> values;
    for (const auto& [inferer, loss] : forecast) {
        const auto inference = inferences.find(inferer);
        if (inference == inferences.end()) continue;  // not covered (see coveredForecast)
        ++elements;
        if (withheld && inferer == *withheld) continue;
        regrets.push_back(previousNetworkLoss - loss);
        values.push_back(inference->second);
    }
    std::vector<double> weights;
    if (elements > 1)
        weights = regretWeights(regrets, params);
    else
        weights.assign(values.size(), 1.0);  // one element (or none left): weight 1

    double sum = 0.0;
    double sumWeights = 0.0;
    for (size_t i = 0; i < values.size(); ++i) {
        if (weights[i] == 0.0) continue;
        sum += weights[i] * values[i];
        sumWeights += weights[i];
    }
    if (sumWeights == 0.0) return std::nullopt;
    return sum / sumWeights;
}

std::optional<double> forecastImpliedMedian(const CoveredForecast& forecast,
                                            const ActorValues& inferences,
                                            std::optional<std::string_view> withheld) {
    std::vector<double> values;
    for (const auto& [inferer, loss] : forecast) {
        const auto inference = inferences.find(inferer);
        if (inference == inferences.end() || (withheld && inferer == *withheld)) continue;
        values.push_back(inference->second);
    }
    if (values.empty()) return std::nullopt;
    return median(values);
}

}  // namespace allora::emissions
