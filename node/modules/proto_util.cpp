#include "node/modules/proto_util.h"

#include <vector>

#include <google/protobuf/descriptor.h>
#include <google/protobuf/reflection.h>
#include <google/protobuf/unknown_field_set.h>

namespace allora::node {

bool hasNoUnknownFields(const google::protobuf::Message& msg) {
    const auto* reflection = msg.GetReflection();
    if (!reflection->GetUnknownFields(msg).empty()) return false;
    std::vector<const google::protobuf::FieldDescriptor*> fields;
    reflection->ListFields(msg, &fields);
    for (const auto* field : fields) {
        if (field->cpp_type() != google::protobuf::FieldDescriptor::CPPTYPE_MESSAGE) continue;
        if (field->is_repeated()) {
            const int n = reflection->FieldSize(msg, field);
            for (int i = 0; i < n; ++i)
                if (!hasNoUnknownFields(reflection->GetRepeatedMessage(msg, field, i)))
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
