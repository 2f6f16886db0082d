#include "node/modules/proto_util.h"

#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>
#include <google/protobuf/unknown_field_set.h>

namespace allora::node {

bool hasNoUnknownFields(const google::protobuf::Message& msg) {
    const auto* reflection = msg.GetReflection();
    if (!reflection->GetUnknownFields(msg).empty()) return false;
    // The message-typed fields that are set, walked through the descriptor instead of collected by
    // ListFields (which allocates a vector per message, and every tx parses a dozen): the same
    // fields, since the chain's messages are proto3 and have no extensions.
    const auto* descriptor = msg.GetDescriptor();
    for (int i = 0; i < descriptor->field_count(); ++i) {
        const auto* field = descriptor->field(i);
        if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
        if (!field->is_repeated() && !reflection->HasField(msg, field)) continue;
        if (field->is_repeated()) {
            const int n = reflection->FieldSize(msg, field);
            for (int j = 0; j < n; ++j)
                if (!hasNoUnknownFields(reflection->GetRepeatedMessage(msg, field, j)))
                    return false;
        } else if (!hasNoUnknownFields(reflection->GetMessage(msg, field))) {
            return false;
        }
    }
    return true;
}

bool parseStrict(google::protobuf::Message& msg, ByteSpan bytes) {
    if (bytes.size() > static_cast<size_t>(INT32_MAX)) return false;
    if (!msg.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return false;
    return hasNoUnknownFields(msg);
}

Bytes toBytes(const google::protobuf::MessageLite& msg) {
    Bytes out(msg.ByteSizeLong());
    if (!out.empty()) msg.SerializeWithCachedSizesToArray(out.data());
    return out;
}

}  // namespace allora::node
