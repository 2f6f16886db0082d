// Protobuf messages as JSON, printed the way the Cosmos gRPC gateway prints them (gogoproto jsonpb
// with OrigName and EmitDefaults), so that tools written against the public LCD read our answers:
//   - proto field names ("from_address", not "fromAddress");
//   - every field present: defaults included, an unset message field as null, an unset oneof
//     left out;
//   - 64-bit integers as decimal strings, 32-bit ones as numbers, bytes as base64, enums by name;
//   - google.protobuf.Any as {"@type": type_url, ...the fields of the packed message}.
//
// Generic (reflection over the generated descriptor pool) so that every message a later module
// registers (staking, emissions) shows up in `GET /cosmos/tx/v1beta1/txs/{hash}` with its fields,
// without a renderer per message type.
#pragma once

#include <boost/json/value.hpp>

#include <string_view>

#include "core/bytes.h"

namespace google::protobuf {
class Message;
}

namespace allora::node::api {

boost::json::value protoToJson(const google::protobuf::Message& message);

// An Any from its parts. A type this binary does not know, or a value that does not decode as
// that type, becomes {"@type": url, "value": base64 of the bytes}: shown, never dropped.
boost::json::value anyToJson(std::string_view typeUrl, ByteSpan value);

}  // namespace allora::node::api
