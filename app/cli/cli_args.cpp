#include "app/cli/cli_args.h"

namespace allora::cli {

std::optional<std::string> Options::value(std::string_view name) const {
    auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

ArgStream::ArgStream(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) tokens_.emplace_back(argv[i]);
}

Result<bool> ArgStream::takeFlag(std::span<const OptionSpec> specs, Options& into) {
    const std::string& tok = tokens_[pos_];
    if (flagsEnded_ || tok.size() < 2 || tok[0] != '-') return false;  // "-" alone is a word
    if (tok == "--") {
        flagsEnded_ = true;
        ++pos_;
        return true;
    }
    if (tok == "-h") {
        into.set("help", "");
        ++pos_;
        return true;
    }
    if (tok.rfind("--", 0) != 0)
        return makeError(ErrorCode::InvalidArgument, "unknown flag '" + tok + "'");
    std::string name = tok.substr(2);
    std::optional<std::string> inlineValue;
    if (const size_t eq = name.find('='); eq != std::string::npos) {
        inlineValue = name.substr(eq + 1);
        name.resize(eq);
    }
    for (const OptionSpec& spec : specs) {
        if (spec.name != name) continue;
        ++pos_;
        if (!spec.takesValue) {
            if (inlineValue)
                return makeError(ErrorCode::InvalidArgument, "flag --" + name + " takes no value");
            into.set(name, "");
        } else if (inlineValue) {
            into.set(name, *inlineValue);
        } else {
            if (pos_ >= tokens_.size())
                return makeError(ErrorCode::InvalidArgument, "flag --" + name + " needs a value");
            into.set(name, tokens_[pos_++]);
        }
        return true;
    }
    return makeError(ErrorCode::InvalidArgument, "unknown flag '--" + name + "'");
}

Result<std::optional<std::string>> ArgStream::nextWord(std::span<const OptionSpec> specs,
                                                       Options& into) {
    while (pos_ < tokens_.size()) {
        auto flag = takeFlag(specs, into);
        if (!flag) return flag.error();
        if (!*flag) return std::optional<std::string>(tokens_[pos_++]);
    }
    return std::optional<std::string>();
}

Result<std::vector<std::string>> ArgStream::rest(std::span<const OptionSpec> specs, Options& into) {
    std::vector<std::string> words;
    for (;;) {
        auto word = nextWord(specs, into);
        if (!word) return word.error();
        if (!*word) return words;
        words.push_back(std::move(**word));
    }
}

}  // namespace allora::cli
