// Strict protobuf decoding for consensus inputs: the bytes must parse and carry no field this
// schema does not know. Accepting unknown fields would let two encodings of "the same" tx mean
// different things to nodes running different schema versions (the SDK's RejectUnknownFields).
#pragma once

#include <google/protobuf/message.h>

#include "core/bytes.h"

namespace allora::node {

// Parses `bytes` into `msg`; false if malformed or if any message in it (recursively) has unknown
// fields.
bool parseStrict(google::protobuf::Message& msg, ByteSpan bytes);
// True when no message in the tree has unknown fields.
bool hasNoUnknownFields(const google::protobuf::Message& msg);

// Serialises a message to Bytes (deterministic for our map-free schema).
Bytes toBytes(const google::protobuf::MessageLite& msg);

}  // namespace allora::node
