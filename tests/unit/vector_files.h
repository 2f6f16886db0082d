// Reading the test vectors of tests/vectors/ (ALLORA_TEST_VECTORS_DIR): whole files, and the
// simulator's CSV tables, by name. Shared by the tests that check the protocol's numbers.
#pragma once

#include <QtGlobal>
#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace allora::testvectors {

// The bytes of tests/vectors/<path> (e.g. "allora/synthesis_epoch_301.json"); fails the test run
// when the file cannot be read.
inline std::string readVector(const std::string& path) {
    std::ifstream in(std::string(ALLORA_TEST_VECTORS_DIR) + "/" + path, std::ios::binary);
    if (!in) qFatal("cannot open vector %s", path.c_str());
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline std::vector<std::string> splitCsvLine(const std::string& line) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    return cells;
}

// A CSV table with a header line: cells by row index and column name.
struct CsvTable {
    std::map<std::string, size_t> column;
    std::vector<std::vector<std::string>> rows;

    bool has(const std::string& name) const { return column.count(name) != 0; }
    const std::string& text(size_t row, const std::string& name) const {
        const auto it = column.find(name);
        if (it == column.end()) qFatal("no column %s", name.c_str());
        const auto& cells = rows.at(row);
        static const std::string empty;
        return it->second < cells.size() ? cells[it->second] : empty;
    }
    // The cell as a double, parsed exactly (from_chars); fails the run on anything else.
    double num(size_t row, const std::string& name) const {
        const std::string& cell = text(row, name);
        double v = 0;
        const auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
        if (ec != std::errc() || ptr != cell.data() + cell.size())
            qFatal("column %s row %zu: bad number '%s'", name.c_str(), row, cell.c_str());
        return v;
    }
};

inline CsvTable readCsvTable(const std::string& path) {
    std::istringstream in(readVector(path));
    CsvTable t;
    std::string line;
    std::getline(in, line);
    const auto header = splitCsvLine(line);
    for (size_t i = 0; i < header.size(); ++i) t.column[header[i]] = i;
    while (std::getline(in, line))
        if (!line.empty()) t.rows.push_back(splitCsvLine(line));
    return t;
}

// The same table as one map (column name → cell) per row, for tests that look cells up by name.
using CsvRow = std::map<std::string, std::string>;
inline std::vector<CsvRow> readCsvRows(const std::string& path) {
    const CsvTable t = readCsvTable(path);
    std::vector<CsvRow> rows;
    for (size_t r = 0; r < t.rows.size(); ++r) {
        CsvRow row;
        for (const auto& [name, index] : t.column) row[name] = t.text(r, name);
        rows.push_back(std::move(row));
    }
    return rows;
}

// |got − want| ≤ relative·|want| (with a floor for want = 0).
inline bool closeTo(double got, double want, double relative) {
    return std::fabs(got - want) <= relative * std::max(std::fabs(want), 1e-300);
}

}  // namespace allora::testvectors
