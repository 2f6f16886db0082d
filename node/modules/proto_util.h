// Strict protobuf decoding for consensus inputs: the bytes must parse and carry no field this
// schema does not know. Accepting unknown fields would let two encodings of "the same" tx mean
// different things to nodes running different schema versions (the SDK's RejectUnknownFields).
#pragma once

#include <google/protobuf/message.h>

#include <algorithm>
#include <memory>

#include "core/bytes.h"

namespace allora::node {

// Parses `bytes` into `msg`; false if malformed or if any message in it (recursively) has unknown
// fields.
bool parseStrict(google::protobuf::Message& msg, ByteSpan bytes);
// True when no message in the tree has unknown fields.
bool hasNoUnknownFields(const google::protobuf::Message& msg);

// Serialises a message to Bytes (deterministic for our map-free schema).
Bytes toBytes(const google::protobuf::MessageLite& msg);

// The last record parsed from state, kept with its bytes: parse() of the same bytes again returns
// the kept message without parsing. Decoding is a pure function of the bytes, so this changes no
// outcome; it saves re-parsing records read on every tx (module parameters). The caller still
// reads the bytes through its KvStore (gas and overlays see every read). One per thread.
template <typename Msg>
class ParseMemo {
public:
    // The parsed message, or nullptr when the bytes do not parse as Msg.
    const Msg* parse(ByteSpan raw) {
        if (msg_ && raw.size() == raw_.size() && std::equal(raw.begin(), raw.end(), raw_.begin()))
            return msg_.get();
        auto fresh = std::make_unique<Msg>();
        if (!fresh->ParseFromArray(raw.data(), static_cast<int>(raw.size()))) return nullptr;
        raw_.assign(raw.begin(), raw.end());
        msg_ = std::move(fresh);
        return msg_.get();
    }

private:
    Bytes raw_;
    std::unique_ptr<Msg> msg_;
};

}  // namespace allora::node
