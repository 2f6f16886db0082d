// A strict JSON reader for synthesis cases (and other numeric test cases checked against
// independent implementations).
//
// boost::json::parse is not enough here: Boost 1.81 converts some decimal numbers to the double
// next to the nearest one (about one in four random 17-digit numbers), turns 1e400 into infinity
// without complaint, and keeps the last of duplicated object keys. This reader runs Boost's SAX
// parser with its own handler: every number is converted with std::from_chars (correctly
// rounded), out-of-range numbers and duplicated keys are errors, and an error names its line and
// column. All numbers, integers included, come out as doubles.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace allora::emissions {

// InvalidArgument with a one-line message ("line 3, column 14: duplicate key \"inferer0\"").
Result<boost::json::value> parseCaseJson(std::string_view text);

// JSON text of a double: the shortest digits that read back to the same double (std::to_chars).
// Requires a finite value.
std::string caseJsonNumber(double value);

// A JSON string literal (quotes added; ", \ and control characters escaped; UTF-8 kept as is).
std::string caseJsonString(std::string_view text);

}  // namespace allora::emissions
