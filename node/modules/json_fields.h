// Reading genesis JSON into protobuf records: the one way every module's genesis takes a scalar
// field from JSON, as allorad exports them (integers as numbers or strings of digits, decimals as
// strings, booleans as true/false).
#pragma once

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <boost/json/value.hpp>

#include <functional>
#include <optional>
#include <string>

#include "core/result.h"

namespace allora::node {

// The text of a JSON string, or of an integer JSON number; nullopt for anything else.
std::optional<std::string> jsonScalarText(const boost::json::value& v);

// Builds the module's error for `field` ("expected an integer", "\"x\" is out of range", …).
using FieldError = std::function<Error(const std::string& field, const std::string& why)>;

// Sets one scalar field (string, bool, int64 or uint64) of `message` from `v`; a string field
// also takes an integer number (its text). Any other field type is "unsupported field type".
Status setScalarFieldFromJson(google::protobuf::Message& message,
                              const google::protobuf::FieldDescriptor& field,
                              const boost::json::value& v, const FieldError& bad);

}  // namespace allora::node
