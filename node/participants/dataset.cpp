#include "node/participants/dataset.h"

#include <charconv>
#include <mutex>

namespace allora::embedded {
std::string_view demoDataset(std::string_view name);  // generated (EmbedDatasets.cmake)
}

namespace allora::participants {

namespace {

const DatasetInfo kInfos[] = {
    {DemoDataset::Sp500Close, "sp500-2000.csv", "close", "S&P 500 daily close, 2000-2020", 1e-6},
    {DemoDataset::SeattleTempMax, "seattle-weather.csv", "temp_max",
     "Seattle daily maximum temperature (C), 2012-2015", 0.1},
    {DemoDataset::Co2, "co2-concentration.csv", "CO2", "Mauna Loa monthly CO2 (ppm), 1958-2020",
     0.01, 12},
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

const std::vector<double>& demoSeries(DemoDataset id) {
    static std::mutex mutex;
    static std::vector<double> cache[std::size(kInfos)];
    const auto slot = static_cast<size_t>(id);
    std::lock_guard lock(mutex);
    if (cache[slot].empty()) {
        const DatasetInfo& info = datasetInfo(id);
        auto values = csvColumn(embedded::demoDataset(info.file), info.column);
        // The files are fixed at build time and checked by test_participant_models; a failure
        // here is a broken build, so an empty series (no participant runs) is enough.
        if (values) cache[slot] = std::move(*values);
    }
    return cache[slot];
}

}  // namespace allora::participants
