#include "node/api/proto_json.h"

#include <google/protobuf/descriptor.h>
#include <google/protobuf/message.h>
#include <google/protobuf/reflection.h>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include <memory>
#include <string>

#include "core/encoding.h"

namespace allora::node::api {

namespace json = boost::json;
namespace pb = google::protobuf;

namespace {

// Anys nest (an Any may pack a message holding Anys) and each one is a fresh parse with its own
// recursion budget, so a crafted tx could nest them deep enough to exhaust our stack while
// rendering. Past this depth an Any is shown as its raw bytes instead of being expanded.
constexpr int kMaxAnyDepth = 32;

json::value renderMessage(const pb::Message& msg, int depth);

json::value anyAt(std::string_view typeUrl, ByteSpan value, int depth) {
    json::object o;
    o["@type"] = typeUrl;
    // "/cosmos.bank.v1beta1.MsgSend" or "type.googleapis.com/…": the name follows the last '/'.
    const size_t slash = typeUrl.rfind('/');
    const std::string name(slash == std::string_view::npos ? typeUrl : typeUrl.substr(slash + 1));
    const pb::Descriptor* desc =
        depth < kMaxAnyDepth ? pb::DescriptorPool::generated_pool()->FindMessageTypeByName(name)
                             : nullptr;
    const pb::Message* prototype =
        desc ? pb::MessageFactory::generated_factory()->GetPrototype(desc) : nullptr;
    if (prototype) {
        std::unique_ptr<pb::Message> inner(prototype->New());
        if (value.size() <= static_cast<size_t>(INT32_MAX) &&
            inner->ParseFromArray(value.data(), static_cast<int>(value.size()))) {
            json::value fields = renderMessage(*inner, depth + 1);
            // A well-known type (an Any inside an Any, say) goes under "value", as protojson
            // puts it: merged in, its own "@type" would overwrite this one.
            if (!fields.is_object() || desc->file()->package() == "google.protobuf") {
                o["value"] = std::move(fields);
                return o;
            }
            for (auto& [k, v] : fields.as_object()) o[k] = std::move(v);
            return o;
        }
    }
    o["value"] = toBase64(value);
    return o;
}

json::value scalar(const pb::Message& msg, const pb::Reflection& r, const pb::FieldDescriptor* f,
                   int index, int depth) {
    using F = pb::FieldDescriptor;
    const bool rep = f->is_repeated();
    switch (f->cpp_type()) {
        case F::CPPTYPE_INT32:
            return rep ? r.GetRepeatedInt32(msg, f, index) : r.GetInt32(msg, f);
        case F::CPPTYPE_UINT32:
            return rep ? r.GetRepeatedUInt32(msg, f, index) : r.GetUInt32(msg, f);
        case F::CPPTYPE_INT64:
            return json::string(
                std::to_string(rep ? r.GetRepeatedInt64(msg, f, index) : r.GetInt64(msg, f)));
        case F::CPPTYPE_UINT64:
            return json::string(
                std::to_string(rep ? r.GetRepeatedUInt64(msg, f, index) : r.GetUInt64(msg, f)));
        case F::CPPTYPE_DOUBLE:
            return rep ? r.GetRepeatedDouble(msg, f, index) : r.GetDouble(msg, f);
        case F::CPPTYPE_FLOAT:
            return static_cast<double>(rep ? r.GetRepeatedFloat(msg, f, index)
                                           : r.GetFloat(msg, f));
        case F::CPPTYPE_BOOL:
            return rep ? r.GetRepeatedBool(msg, f, index) : r.GetBool(msg, f);
        case F::CPPTYPE_ENUM: {
            const pb::EnumValueDescriptor* e =
                rep ? r.GetRepeatedEnum(msg, f, index) : r.GetEnum(msg, f);
            // A number this schema has no name for is printed as the number, as jsonpb does.
            if (e->name().empty() || e->type()->FindValueByNumber(e->number()) == nullptr)
                return e->number();
            return json::string(e->name());
        }
        case F::CPPTYPE_STRING: {
            const std::string s = rep ? r.GetRepeatedString(msg, f, index) : r.GetString(msg, f);
            if (f->type() == F::TYPE_BYTES) return json::string(toBase64(asBytes(s)));
            return json::string(s);
        }
        case F::CPPTYPE_MESSAGE:
            return renderMessage(rep ? r.GetRepeatedMessage(msg, f, index) : r.GetMessage(msg, f),
                                 depth + 1);
    }
    return nullptr;
}

json::value renderMessage(const pb::Message& msg, int depth) {
    const pb::Descriptor* desc = msg.GetDescriptor();
    const pb::Reflection* r = msg.GetReflection();
    if (desc->full_name() == "google.protobuf.Any") {
        const std::string url = r->GetString(msg, desc->FindFieldByNumber(1));
        const std::string value = r->GetString(msg, desc->FindFieldByNumber(2));
        return anyAt(url, asBytes(value), depth);
    }
    json::object o;
    for (int i = 0; i < desc->field_count(); ++i) {
        const pb::FieldDescriptor* f = desc->field(i);
        if (f->is_repeated()) {
            const int n = r->FieldSize(msg, f);
            if (f->is_map()) {
                // Map entries: key (field 1) and value (field 2); JSON object keys are strings.
                json::object m;
                for (int j = 0; j < n; ++j) {
                    const pb::Message& entry = r->GetRepeatedMessage(msg, f, j);
                    const pb::Reflection* er = entry.GetReflection();
                    const pb::FieldDescriptor* kf = entry.GetDescriptor()->map_key();
                    const pb::FieldDescriptor* vf = entry.GetDescriptor()->map_value();
                    json::value key = scalar(entry, *er, kf, 0, depth);
                    std::string keyText =
                        key.is_string() ? std::string(key.as_string()) : json::serialize(key);
                    m[keyText] = scalar(entry, *er, vf, 0, depth);
                }
                o[f->name()] = std::move(m);
                continue;
            }
            json::array a;
            a.reserve(static_cast<size_t>(n));
            for (int j = 0; j < n; ++j) a.push_back(scalar(msg, *r, f, j, depth));
            o[f->name()] = std::move(a);
            continue;
        }
        if (const pb::OneofDescriptor* oneof = f->real_containing_oneof()) {
            if (r->GetOneofFieldDescriptor(msg, oneof) != f) continue;
        }
        if (f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE && !r->HasField(msg, f)) {
            o[f->name()] = nullptr;
            continue;
        }
        o[f->name()] = scalar(msg, *r, f, 0, depth);
    }
    return o;
}

}  // namespace

json::value protoToJson(const pb::Message& message) {
    return renderMessage(message, 0);
}

json::value anyToJson(std::string_view typeUrl, ByteSpan value) {
    return anyAt(typeUrl, value, 0);
}

}  // namespace allora::node::api
