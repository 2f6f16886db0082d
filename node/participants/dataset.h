// The demo data sets (resources/data, embedded at build time): real series that devnet topics
// replay one step per epoch (PROTOCOL.md §5: the truth for epoch e is step e+1).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace allora::participants {

enum class DemoDataset { Sp500Close, SeattleTempMax, Co2 };

struct DatasetInfo {
    DemoDataset id;
    std::string_view file;    // file name under resources/data
    std::string_view column;  // the CSV column replayed
    std::string_view title;   // what the series is, for topic metadata and logs
    double resolution;        // the precision the file records values to
    size_t season = 0;        // the seasonal period in steps, when the series has one (0: none)
};

const DatasetInfo& datasetInfo(DemoDataset id);

// The numbers of one column of a CSV text with a header line (fields without quotes, as the
// vega-datasets files are). Rows whose cell is empty are skipped; a cell that is not a number, a
// missing column or a table without rows is an error naming the line.
Result<std::vector<double>> csvColumn(std::string_view csv, std::string_view column);

// The embedded series (parsed once; the embedded files are checked by a unit test).
const std::vector<double>& demoSeries(DemoDataset id);

// Replay: the series step of epoch `e` (wrapping around at the end, so a devnet never runs out).
inline size_t replayStep(uint64_t epoch, size_t seriesLength) {
    return seriesLength == 0 ? 0 : static_cast<size_t>(epoch % seriesLength);
}

}  // namespace allora::participants
