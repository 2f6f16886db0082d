#include "node/modules/emissions/case_json.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/error.hpp>
#include <cassert>
#include <charconv>
#include <cmath>
#include <vector>

namespace allora::emissions {
namespace json = boost::json;
namespace {

// Builds a json::value from SAX events; see case_json.h for what it does differently.
class StrictHandler {
public:
    static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
    static constexpr std::size_t max_string_size = 1 << 20;
    static constexpr std::size_t max_key_size = 4096;

    json::value root;
    std::string failure;  // why a handler call refused, for the error message

    bool on_document_begin(json::error_code&) { return true; }
    bool on_document_end(json::error_code&) { return true; }

    bool on_array_begin(json::error_code&) {
        open_.emplace_back(json::array());
        keys_.emplace_back();
        return true;
    }
    bool on_array_end(std::size_t, json::error_code& ec) { return close(ec); }
    bool on_object_begin(json::error_code&) {
        open_.emplace_back(json::object());
        keys_.emplace_back();
        return true;
    }
    bool on_object_end(std::size_t, json::error_code& ec) { return close(ec); }

    bool on_string_part(json::string_view s, std::size_t, json::error_code&) {
        text_.append(s.data(), s.size());
        return true;
    }
    bool on_string(json::string_view s, std::size_t, json::error_code& ec) {
        text_.append(s.data(), s.size());
        json::value v = json::string(text_);
        text_.clear();
        return emit(std::move(v), ec);
    }
    bool on_key_part(json::string_view s, std::size_t, json::error_code&) {
        text_.append(s.data(), s.size());
        return true;
    }
    bool on_key(json::string_view s, std::size_t, json::error_code& ec) {
        text_.append(s.data(), s.size());
        // Values are added to their object when complete, so this sees every earlier key.
        if (open_.back().as_object().contains(text_))
            return fail("duplicate key " + caseJsonString(text_), ec);
        keys_.back() = std::move(text_);
        text_.clear();
        return true;
    }

    bool on_number_part(json::string_view s, json::error_code&) {
        text_.append(s.data(), s.size());
        return true;
    }
    bool on_int64(int64_t, json::string_view s, json::error_code& ec) { return number(s, ec); }
    bool on_uint64(uint64_t, json::string_view s, json::error_code& ec) { return number(s, ec); }
    bool on_double(double, json::string_view s, json::error_code& ec) { return number(s, ec); }

    bool on_bool(bool b, json::error_code& ec) { return emit(json::value(b), ec); }
    bool on_null(json::error_code& ec) { return emit(json::value(nullptr), ec); }
    bool on_comment_part(json::string_view, json::error_code&) { return true; }
    bool on_comment(json::string_view, json::error_code&) { return true; }

private:
    bool fail(std::string why, json::error_code& ec) {
        failure = std::move(why);
        ec = json::error::syntax;
        return false;
    }

    // Boost hands over the number's text (the last part in `s`); convert it ourselves.
    bool number(json::string_view s, json::error_code& ec) {
        text_.append(s.data(), s.size());
        double d = 0;
        const char* end = text_.data() + text_.size();
        const auto [ptr, err] = std::from_chars(text_.data(), end, d);
        if (err != std::errc() || ptr != end || !std::isfinite(d))
            return fail("number " + text_ + " is out of the range of a double", ec);
        text_.clear();
        return emit(json::value(d), ec);
    }

    bool close(json::error_code& ec) {
        json::value v = std::move(open_.back());
        open_.pop_back();
        keys_.pop_back();
        return emit(std::move(v), ec);
    }

    bool emit(json::value v, json::error_code&) {
        if (open_.empty()) {
            root = std::move(v);
            return true;
        }
        json::value& parent = open_.back();
        if (parent.is_array())
            parent.as_array().push_back(std::move(v));
        else
            parent.as_object().emplace(keys_.back(), std::move(v));
        return true;
    }

    std::vector<json::value> open_;  // containers being filled, innermost last
    std::vector<std::string> keys_;  // the pending key of each open object
    std::string text_;               // the string, key or number being read
};

std::string position(std::string_view text, size_t offset) {
    size_t line = 1;
    size_t column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

}  // namespace

Result<json::value> parseCaseJson(std::string_view text) {
    json::basic_parser<StrictHandler> parser{json::parse_options{}};
    json::error_code ec;
    const size_t used = parser.write_some(false, text.data(), text.size(), ec);
    if (ec) {
        const std::string why =
            parser.handler().failure.empty() ? ec.message() : parser.handler().failure;
        return makeError(ErrorCode::InvalidArgument,
                         "invalid JSON at " + position(text, used) + ": " + why);
    }
    if (used != text.size())  // write_some stops after the first complete value
        return makeError(ErrorCode::InvalidArgument,
                         "invalid JSON at " + position(text, used) + ": text after the value");
    return std::move(parser.handler().root);
}

std::string caseJsonNumber(double value) {
    assert(std::isfinite(value));
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

std::string caseJsonString(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out = "\"";
    for (char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            out += "\\u00";
            out += kHex[u >> 4];
            out += kHex[u & 15];
        } else {
            out += c;
        }
    }
    return out + "\"";
}

}  // namespace allora::emissions
