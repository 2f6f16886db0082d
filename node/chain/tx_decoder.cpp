#include "node/chain/tx_decoder.h"

#include <google/protobuf/unknown_field_set.h>

#include "node/modules/proto_util.h"

namespace allora::node {

namespace {

// TxBody may carry unknown fields only in the non-critical range (the SDK: field number with bit
// 11 set, i.e. >= 1024 in the usual layout); anything else could change the tx's meaning.
bool bodyFieldsAcceptable(const cosmos::tx::v1beta1::TxBody& body) {
    const auto& unknown = body.GetReflection()->GetUnknownFields(body);
    for (int i = 0; i < unknown.field_count(); ++i)
        if ((unknown.field(i).number() & 1024) == 0) return false;
    for (const auto& any : body.messages())
        if (!hasNoUnknownFields(any)) return false;
    return true;
}

TxStatus fail(std::string why) {
    return TxStatus::fail(TxCode::TxDecode, "tx parse error: " + why);
}

}  // namespace

TxStatus decodeTx(ByteSpan txBytes, DecodedTx& out) {
    out.hash = sha256(txBytes);
    out.size = txBytes.size();
    if (txBytes.empty()) return fail("empty transaction");
    if (!parseStrict(out.raw, txBytes)) return fail("TxRaw is malformed or has unknown fields");
    const std::string& body = out.raw.body_bytes();
    if (!out.body.ParseFromString(body) || !bodyFieldsAcceptable(out.body))
        return fail("TxBody is malformed or has unknown critical fields");
    if (out.body.extension_options_size() > 0)
        return fail("unknown extension options are not supported");
    const std::string& authInfo = out.raw.auth_info_bytes();
    if (!parseStrict(out.authInfo, asBytes(authInfo)))
        return fail("AuthInfo is malformed or has unknown fields");
    return TxStatus::success();
}

}  // namespace allora::node
