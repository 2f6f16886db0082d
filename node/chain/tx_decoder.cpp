#include "node/chain/tx_decoder.h"

#include <google/protobuf/unknown_field_set.h>

#include <algorithm>

#include "core/encoding.h"
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

google::protobuf::ArenaOptions arenaOptions(char* initialBlock, size_t size) {
    google::protobuf::ArenaOptions options;
    options.initial_block = initialBlock;
    options.initial_block_size = size;
    return options;
}

}  // namespace

DecodedTx::DecodedTx()
    : arena_(arenaOptions(initialBlock_, sizeof initialBlock_)),
      raw(*google::protobuf::Arena::CreateMessage<cosmos::tx::v1beta1::TxRaw>(&arena_)),
      body(*google::protobuf::Arena::CreateMessage<cosmos::tx::v1beta1::TxBody>(&arena_)),
      authInfo(*google::protobuf::Arena::CreateMessage<cosmos::tx::v1beta1::AuthInfo>(&arena_)) {}

Hash256 txHash(ByteSpan txBytes) {
    struct Last {
        Bytes bytes;
        Hash256 hash{};
        bool valid = false;
    };
    thread_local Last last;
    if (last.valid && last.bytes.size() == txBytes.size() &&
        std::equal(txBytes.begin(), txBytes.end(), last.bytes.begin()))
        return last.hash;
    const Hash256 hash = sha256(txBytes);
    last.bytes.assign(txBytes.begin(), txBytes.end());
    last.hash = hash;
    last.valid = true;
    return hash;
}

TxStatus decodeTx(ByteSpan txBytes, DecodedTx& out) {
    out.hash = txHash(txBytes);
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

Bytes signDocBytes(const DecodedTx& tx, std::string_view chainId, uint64_t accountNumber) {
    const auto putVarint = [](Bytes& out, uint64_t v) {
        while (v >= 0x80) {
            out.push_back(static_cast<uint8_t>(v | 0x80));
            v >>= 7;
        }
        out.push_back(static_cast<uint8_t>(v));
    };
    const auto putField = [&](Bytes& out, uint8_t tag, std::string_view s) {
        if (s.empty()) return;  // proto3: an empty bytes/string field is not written
        out.push_back(tag);
        putVarint(out, s.size());
        out.insert(out.end(), s.begin(), s.end());
    };
    const std::string& body = tx.raw.body_bytes();
    const std::string& authInfo = tx.raw.auth_info_bytes();
    Bytes out;
    out.reserve(body.size() + authInfo.size() + chainId.size() + 4 * 10);
    putField(out, 0x0a, body);      // body_bytes = 1
    putField(out, 0x12, authInfo);  // auth_info_bytes = 2
    putField(out, 0x1a, chainId);   // chain_id = 3
    if (accountNumber != 0) {       // account_number = 4
        out.push_back(0x20);
        putVarint(out, accountNumber);
    }
    return out;
}

Hash256 signDocDigest(const DecodedTx& tx, std::string_view chainId, uint64_t accountNumber) {
    for (const auto& known : tx.signDigests)
        if (known.accountNumber == accountNumber && known.chainId == chainId) return known.digest;
    // At most one entry per signer and chain id; a tx seen under many chain ids (never, in a
    // node) would only start over.
    if (tx.signDigests.size() >= 16) tx.signDigests.clear();
    tx.signDigests.push_back(DecodedTx::SignDigest{
        std::string(chainId), accountNumber, sha256(signDocBytes(tx, chainId, accountNumber))});
    return tx.signDigests.back().digest;
}

const std::string& signatureBase64(const DecodedTx& tx, size_t index) {
    if (tx.signaturesBase64.empty()) {
        tx.signaturesBase64.reserve(static_cast<size_t>(tx.raw.signatures_size()));
        for (const auto& sig : tx.raw.signatures())
            tx.signaturesBase64.push_back(toBase64(asBytes(sig)));
    }
    return tx.signaturesBase64.at(index);
}

}  // namespace allora::node
