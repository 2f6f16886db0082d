#include "app/cli/cmd_debug.h"

#include <iostream>
#include <vector>

#include "core/file_util.h"
#include "node/modules/emissions/synthesis_case.h"

namespace allora::cli {
namespace {

constexpr std::string_view kDebugHelp = R"(Usage: allora-cli debug COMMAND [ARGS]

Check this node's computations against other implementations, without a running chain.

Commands:
  synthesize FILE|-
        Run the inference synthesis of one epoch (network inference, naive, forecast-implied,
        one-out and one-in inferences, confidence band, weights) on a case read from FILE, or
        from stdin with "-", and print its outputs as JSON on stdout.

Case (JSON object):
  {"params": {"p_norm": 3, "c_norm": 0.75, "epsilon": 0.01, "epsilon_safe_div": 1e-7},
   "all_new": false,                       (default false)
   "previous_network_loss": -3.9 | null,   (default null)
   "inferences": {"inferer": value, ...},
   "forecasts": {"forecaster": {"inferer": forecasted log-loss, ...}, ...},
   "regrets": {"inferer": {...}, "forecaster": {...}, "naive_inferer": {...},
               "one_out_inferer": {"withheld": {"inferer": {...}, "forecaster": {...}}, ...},
               "one_out_forecaster": {"withheld": {...}, ...},
               "one_in_forecaster": {"k": {"inferer": {...}, "forecaster": {"k": r}}, ...}}}
  A test vector file's {"input": case, "expected": ...} is accepted as well.

Output: {"network_inference", "naive_inference", "forecast_implied", "one_out_inferer",
  "one_out_forecaster", "one_in_forecaster", "confidence_interval", "weights"}, without what
  the case does not produce. Numbers read back to the exact doubles computed.

Exit status: 0 success, 1 the file cannot be read, 2 the input is not a valid case (one line
on stderr says why).
)";

int debugSynthesize(const std::vector<std::string>& words) {
    if (words.size() != 1) return usageError("usage: allora-cli debug synthesize FILE|-");
    auto text = readDebugInput(words[0]);
    if (!text) return reportError(text.error());
    auto output = emissions::runSynthesisCase(*text);
    // Whatever fails from here on is the input's doing (an invalid case, or numbers so large the
    // synthesis overflows): exit status 2.
    if (!output) return usageError(output.message());
    std::cout << *output << std::flush;
    return kExitOk;
}

}  // namespace

Result<std::string> readDebugInput(std::string_view fileOrDash) {
    if (fileOrDash != "-") {
        auto bytes = readFile(std::string(fileOrDash), kMaxDebugInput);
        if (!bytes) return bytes.error();
        return std::string(bytes->begin(), bytes->end());
    }
    std::string text;
    char buffer[65536];
    while (std::cin.read(buffer, sizeof buffer) || std::cin.gcount() > 0) {
        text.append(buffer, static_cast<size_t>(std::cin.gcount()));
        if (text.size() > kMaxDebugInput)
            return makeError(ErrorCode::Corrupt, "the input on stdin is too large (limit " +
                                                     std::to_string(kMaxDebugInput) + " bytes)");
    }
    if (std::cin.bad()) return makeError(ErrorCode::Io, "cannot read stdin");
    return text;
}

int runDebug(CliContext& ctx, ArgStream& args) {
    auto word = args.nextWord(globalOptions(), ctx.options);
    if (!word) return reportError(word.error());
    if (!*word || **word == "help" || ctx.options.has("help")) {
        std::cout << kDebugHelp;
        return kExitOk;
    }
    if (**word == "synthesize") {
        auto words = args.rest(globalOptions(), ctx.options);
        if (!words)
            return usageError(words.message() + " (usage: allora-cli debug synthesize FILE|-)");
        if (ctx.options.has("help")) {
            std::cout << kDebugHelp;
            return kExitOk;
        }
        return debugSynthesize(*words);
    }
    return usageError("unknown command 'debug " + **word + "' (see 'allora-cli debug --help')");
}

}  // namespace allora::cli
