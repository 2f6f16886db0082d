#include "node/participants/dataset.h"

#include <algorithm>
#include <charconv>
#include <mutex>

namespace allora::embedded {
std::string_view demoDataset(std::string_view name);  // generated (EmbedDatasets.cmake)
}

namespace allora::participants {

namespace {

// The temperature topic replays the 3-day trailing mean of the daily mean temperature
// ((temp_max + temp_min) / 2), not a raw daily column: on the raw daily maximum no forecaster
// found a reliable edge (forecasters.h), while a trailing mean's next step is partly known in
// advance (the recent steps, and the day that leaves the window), so which model will be off is
// partly predictable.
// Resolution: the file gives whole degrees F converted to 0.1 C; a mean of six such values is
// known to about 0.017 C, so 0.01 is the precision the reputers' floor is taken at.
const DatasetInfo kInfos[] = {
    {DemoDataset::Sp500Close, "sp500-2000.csv", "close", "close", "",
     "S&P 500 daily close, 2000-2020", 1e-6},
    {DemoDataset::SeattleTemperature, "seattle-weather.csv", "temp_mean_3d", "temp_max", "temp_min",
     "Seattle daily mean temperature (C), 3-day trailing mean, 2012-2015", 0.01, 0, 3},
    {DemoDataset::Co2, "co2-concentration.csv", "CO2", "CO2", "",
     "Mauna Loa monthly CO2 (ppm), 1958-2020", 0.01, 12},
};

std::vector<std::string_view> splitFields(std::string_view line) {
    std::vector<std::string_view> out;
    size_t start = 0;
    for (;;) {
        const size_t comma = line.find(',', start);
        out.push_back(line.substr(start, comma == std::string_view::npos ? comma : comma - start));
        if (comma == std::string_view::npos) return out;
        start = comma + 1;
    }
}

}  // namespace

const DatasetInfo& datasetInfo(DemoDataset id) {
    for (const DatasetInfo& i : kInfos)
        if (i.id == id) return i;
    return kInfos[0];
}

Result<std::vector<double>> csvColumn(std::string_view csv, std::string_view column) {
    std::vector<double> out;
    size_t pos = 0, lineNo = 0;
    int index = -1;
    while (pos < csv.size()) {
        size_t end = csv.find('\n', pos);
        if (end == std::string_view::npos) end = csv.size();
        std::string_view line = csv.substr(pos, end - pos);
        pos = end + 1;
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (line.empty()) continue;
        const auto fields = splitFields(line);
        if (index < 0) {
            for (size_t i = 0; i < fields.size(); ++i)
                if (fields[i] == column) index = static_cast<int>(i);
            if (index < 0)
                return makeError(ErrorCode::InvalidArgument,
                                 "the CSV header has no column '" + std::string(column) + "'");
            continue;
        }
        if (static_cast<size_t>(index) >= fields.size() || fields[index].empty()) continue;
        const std::string_view cell = fields[index];
        double v = 0;
        const auto [p, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
        if (ec != std::errc() || p != cell.data() + cell.size())
            return makeError(
                ErrorCode::InvalidArgument,
                "line " + std::to_string(lineNo) + ": '" + std::string(cell) + "' is not a number");
        out.push_back(v);
    }
    if (index < 0) return makeError(ErrorCode::InvalidArgument, "the CSV text is empty");
    if (out.empty())
        return makeError(ErrorCode::InvalidArgument,
                         "the CSV column '" + std::string(column) + "' has no values");
    return out;
}

std::string_view demoFile(std::string_view name) {
    return embedded::demoDataset(name);
}

Result<std::vector<double>> dailyValues(std::string_view csv, const DatasetInfo& info) {
    auto first = csvColumn(csv, info.column);
    if (!first || info.column2.empty()) return first;
    auto second = csvColumn(csv, info.column2);
    if (!second) return second;
    if (first->size() != second->size())
        return makeError(ErrorCode::InvalidArgument,
                         "the CSV columns '" + std::string(info.column) + "' and '" +
                             std::string(info.column2) + "' have missing values in different rows");
    for (size_t i = 0; i < first->size(); ++i) (*first)[i] = ((*first)[i] + (*second)[i]) / 2;
    return first;
}

std::vector<double> derivedSeries(const std::vector<double>& daily, const DatasetInfo& info) {
    const size_t n = std::max<size_t>(info.trailingMean, 1);
    if (n == 1 || daily.size() < n) return n == 1 ? daily : std::vector<double>{};
    std::vector<double> out;
    out.reserve(daily.size() - n + 1);
    for (size_t s = n - 1; s < daily.size(); ++s) {
        // Summed afresh for every step (not a running sum) so that no rounding carries along.
        double sum = 0;
        for (size_t k = 0; k < n; ++k) sum += daily[s - k];
        out.push_back(sum / static_cast<double>(n));
    }
    return out;
}

namespace {

struct Parsed {
    std::vector<double> daily, series;
};

const Parsed& parsed(DemoDataset id) {
    static std::mutex mutex;
    static Parsed cache[std::size(kInfos)];
    const auto slot = static_cast<size_t>(id);
    std::lock_guard lock(mutex);
    if (cache[slot].daily.empty()) {
        const DatasetInfo& info = datasetInfo(id);
        auto values = dailyValues(demoFile(info.file), info);
        // The files are fixed at build time and checked by test_participant_models; a failure
        // here is a broken build, so an empty series (no participant runs) is enough.
        if (values) {
            cache[slot].series = derivedSeries(*values, info);
            cache[slot].daily = std::move(*values);
        }
    }
    return cache[slot];
}

}  // namespace

const std::vector<double>& demoDailyValues(DemoDataset id) {
    return parsed(id).daily;
}

const std::vector<double>& demoSeries(DemoDataset id) {
    return parsed(id).series;
}

}  // namespace allora::participants
