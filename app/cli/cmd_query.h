// `allora-cli q …` (alias `query`) and `allora-cli status`: reading the chain through a node's
// HTTP API, with `allorad q`'s command names. Text output is for people (amounts also in ALLO,
// hashes in upper-case hex); `--output json` prints the API's JSON unchanged.
#pragma once

#include "app/cli/cli_context.h"

namespace allora::cli {

int runQuery(CliContext& ctx, ArgStream& args);
int runStatus(CliContext& ctx, ArgStream& args);

}  // namespace allora::cli
