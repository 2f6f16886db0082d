#include "node/modules/json_fields.h"

#include <boost/json.hpp>

#include <exception>

namespace allora::node {

namespace json = boost::json;
namespace gp = google::protobuf;

std::optional<std::string> jsonScalarText(const json::value& v) {
    if (v.is_string()) return std::string(v.as_string());
    if (v.is_int64() || v.is_uint64()) return json::serialize(v);
    return std::nullopt;
}

Status setScalarFieldFromJson(gp::Message& message, const gp::FieldDescriptor& field,
                              const json::value& v, const FieldError& bad) {
    const gp::Reflection& r = *message.GetReflection();
    const std::string name(field.name());
    switch (field.cpp_type()) {
        case gp::FieldDescriptor::CPPTYPE_STRING: {
            auto text = jsonScalarText(v);
            if (!text) return bad(name, "expected a string");
            r.SetString(&message, &field, std::move(*text));
            return {};
        }
        case gp::FieldDescriptor::CPPTYPE_BOOL:
            if (!v.is_bool()) return bad(name, "expected true or false");
            r.SetBool(&message, &field, v.as_bool());
            return {};
        case gp::FieldDescriptor::CPPTYPE_INT64:
        case gp::FieldDescriptor::CPPTYPE_UINT64: {
            auto text = jsonScalarText(v);
            if (!text) return bad(name, "expected an integer");
            const bool isSigned = field.cpp_type() == gp::FieldDescriptor::CPPTYPE_INT64;
            if (text->empty()) return bad(name, "empty");
            const size_t digitsFrom = (isSigned && (*text)[0] == '-') ? 1 : 0;
            if (digitsFrom == text->size()) return bad(name, "not an integer");
            for (size_t i = digitsFrom; i < text->size(); ++i)
                if ((*text)[i] < '0' || (*text)[i] > '9')
                    return bad(name, "\"" + *text + "\" is not an integer");
            try {
                if (isSigned)
                    r.SetInt64(&message, &field, std::stoll(*text));
                else
                    r.SetUInt64(&message, &field, std::stoull(*text));
            } catch (const std::exception&) {
                return bad(name, "\"" + *text + "\" is out of range");
            }
            return {};
        }
        default:
            return bad(name, "unsupported field type");
    }
}

}  // namespace allora::node
