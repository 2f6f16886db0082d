// The demo data sets (resources/data, embedded at build time): real series that devnet topics
// replay one step per epoch (PROTOCOL.md §5: the truth for epoch e is step e+1).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace allora::participants {

enum class DemoDataset { Sp500Close, SeattleTemperature, Co2 };

// A demo series is one CSV column, or the mean of two columns of the same row (the "daily
// values"), optionally smoothed by a trailing mean of `trailingMean` daily values: step s is the
// mean of daily values s − N + 1 … s (the first N − 1 days, which lack a full window, are
// dropped, so step s is day s + N − 1).
struct DatasetInfo {
    DemoDataset id;
    std::string_view file;     // file name under resources/data
    std::string_view key;      // the series' name in topic metadata ("demo:FILE:KEY ...")
    std::string_view column;   // the CSV column replayed
    std::string_view column2;  // averaged with `column` when not empty
    std::string_view title;    // what the series is, for topic metadata and logs
    double resolution;         // the precision the series' values are known to
    size_t season = 0;         // the seasonal period in steps, when the series has one (0: none)
    size_t trailingMean = 1;   // daily values per step (1: the daily values themselves)
};

const DatasetInfo& datasetInfo(DemoDataset id);

// The numbers of one column of a CSV text with a header line (fields without quotes, as the
// vega-datasets files are). Rows whose cell is empty are skipped; a cell that is not a number, a
// missing column or a table without rows is an error naming the line.
Result<std::vector<double>> csvColumn(std::string_view csv, std::string_view column);

// An embedded data file by name (resources/data; empty when there is none).
std::string_view demoFile(std::string_view name);

// The daily values of a data set: its column, or the mean of its two columns, row by row (rows
// where either is missing are skipped); an error names what failed to parse.
Result<std::vector<double>> dailyValues(std::string_view csv, const DatasetInfo& info);

// The series of a data set built from its daily values (DatasetInfo: the trailing mean).
std::vector<double> derivedSeries(const std::vector<double>& daily, const DatasetInfo& info);

// The embedded daily values and series (parsed once; the embedded files are checked by a unit
// test). A forecaster of a trailing-mean series knows the daily values as they are revealed: the
// value that leaves the window at the next step is public (forecasters.h).
const std::vector<double>& demoDailyValues(DemoDataset id);
const std::vector<double>& demoSeries(DemoDataset id);

// Replay: the series step of epoch `e` (wrapping around at the end, so a devnet never runs out).
inline size_t replayStep(uint64_t epoch, size_t seriesLength) {
    return seriesLength == 0 ? 0 : static_cast<size_t>(epoch % seriesLength);
}

}  // namespace allora::participants
