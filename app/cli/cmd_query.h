// `allora-cli q …` (alias `query`) and `allora-cli status`: reading the chain through a node's
// HTTP API, with `allorad q`'s command names. Text output is for people (amounts also in ALLO,
// hashes in upper-case hex); `--output json` prints the API's JSON unchanged.
#pragma once

#include <boost/json/value.hpp>
#include <functional>
#include <string>
#include <string_view>

#include "app/cli/cli_context.h"

namespace allora::cli {

int runQuery(CliContext& ctx, ArgStream& args);
int runStatus(CliContext& ctx, ArgStream& args);
// `q emissions COMMAND …` (cmd_query_emissions.cpp), the words after "emissions".
int runQueryEmissions(CliContext& ctx, ArgStream& args);

// Shared by the query files.
// GETs `path` from the node (--node) and prints the JSON answer (--output json) or hands it to
// `printText`; the exit code.
int fetchAndPrint(const CliContext& ctx, const std::string& path,
                  const std::function<void(const boost::json::value&)>& printText);
// The string at a JSON pointer ("/tx_response/height"); numbers are printed; "" when absent.
std::string jsonText(const boost::json::value& v, std::string_view pointer);

}  // namespace allora::cli
