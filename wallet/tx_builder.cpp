#include "wallet/tx_builder.h"

#include "cosmos/bank/v1beta1/tx.pb.h"
#include "cosmos/crypto/secp256k1/keys.pb.h"
#include "cosmos/tx/v1beta1/tx.pb.h"

namespace allora::wallet {
namespace {

constexpr size_t kMaxMemoCharacters = 256;

Bytes serialize(const google::protobuf::MessageLite& msg) {
    std::string out;
    // Deterministic: fields in field-number order, no map reordering surprises.
    msg.SerializeToString(&out);
    return Bytes(out.begin(), out.end());
}

std::string asString(ByteSpan b) {
    return std::string(b.begin(), b.end());
}

size_t utf8Length(std::string_view s) {
    size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace

AnyMessage makeMsgSend(std::string_view fromAddress, std::string_view toAddress,
                       const std::vector<Coin>& amount) {
    cosmos::bank::v1beta1::MsgSend msg;
    msg.set_from_address(std::string(fromAddress));
    msg.set_to_address(std::string(toAddress));
    for (const Coin& c : amount) {
        auto* coin = msg.add_amount();
        coin->set_denom(c.denom);
        coin->set_amount(c.amount);
    }
    return AnyMessage{"/cosmos.bank.v1beta1.MsgSend", serialize(msg)};
}

Bytes UnsignedTx::signBytes(std::string_view chainId, uint64_t accountNumber) const {
    cosmos::tx::v1beta1::SignDoc doc;
    doc.set_body_bytes(asString(bodyBytes));
    doc.set_auth_info_bytes(asString(authInfoBytes));
    doc.set_chain_id(std::string(chainId));
    doc.set_account_number(accountNumber);
    return serialize(doc);
}

Bytes UnsignedTx::toTxRaw(const secp256k1::Signature& signature) const {
    cosmos::tx::v1beta1::TxRaw raw;
    raw.set_body_bytes(asString(bodyBytes));
    raw.set_auth_info_bytes(asString(authInfoBytes));
    raw.add_signatures(asString(signature));
    return serialize(raw);
}

Result<UnsignedTx> buildTx(const TxSpec& spec) {
    if (spec.messages.empty())
        return makeError(ErrorCode::InvalidArgument, "a transaction needs at least one message");
    if (utf8Length(spec.memo) > kMaxMemoCharacters)
        return makeError(ErrorCode::InvalidArgument, "memo is longer than 256 characters");

    cosmos::tx::v1beta1::TxBody body;
    for (const AnyMessage& m : spec.messages) {
        auto* any = body.add_messages();
        any->set_type_url(m.typeUrl);
        any->set_value(asString(m.value));
    }
    body.set_memo(spec.memo);
    body.set_timeout_height(spec.timeoutHeight);

    cosmos::crypto::secp256k1::PubKey pub;
    pub.set_key(asString(spec.signerPublicKey));
    cosmos::tx::v1beta1::AuthInfo auth;
    auto* signer = auth.add_signer_infos();
    signer->mutable_public_key()->set_type_url("/cosmos.crypto.secp256k1.PubKey");
    signer->mutable_public_key()->set_value(pub.SerializeAsString());
    signer->mutable_mode_info()->mutable_single()->set_mode(
        cosmos::tx::signing::v1beta1::SIGN_MODE_DIRECT);
    signer->set_sequence(spec.sequence);
    auto* fee = auth.mutable_fee();
    for (const Coin& c : spec.fee.amount) {
        auto* coin = fee->add_amount();
        coin->set_denom(c.denom);
        coin->set_amount(c.amount);
    }
    fee->set_gas_limit(spec.fee.gasLimit);
    fee->set_payer(spec.fee.payer);
    fee->set_granter(spec.fee.granter);

    return UnsignedTx{serialize(body), serialize(auth)};
}

}  // namespace allora::wallet
