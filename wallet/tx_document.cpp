#include "wallet/tx_document.h"

#include <boost/json.hpp>

#include <algorithm>
#include <charconv>

#include "core/amount.h"
#include "core/bech32.h"
#include "core/encoding.h"
#include "cosmos/bank/v1beta1/tx.pb.h"
#include "cosmos/crypto/secp256k1/keys.pb.h"
#include "cosmos/tx/v1beta1/tx.pb.h"

namespace allora::wallet {
namespace json = boost::json;
namespace {

constexpr std::string_view kAccountPrefix = "allo";

Error invalid(std::string message) {
    return makeError(ErrorCode::InvalidArgument, std::move(message));
}

Result<json::object> parseObject(std::string_view text, std::string_view what) {
    json::error_code ec;
    json::value v = json::parse(text, ec);
    if (ec) return invalid(std::string(what) + " is not valid JSON: " + ec.message());
    if (!v.is_object()) return invalid(std::string(what) + " must be a JSON object");
    return std::move(v.as_object());
}

Result<std::string> stringField(const json::object& o, std::string_view name) {
    const json::value* v = o.if_contains(name);
    if (!v) return invalid("the document has no \"" + std::string(name) + "\"");
    if (!v->is_string()) return invalid("\"" + std::string(name) + "\" must be a string");
    return std::string(v->get_string());
}

// A uint64 written as a decimal string (the Cosmos JSON convention) or as a JSON number.
Result<uint64_t> u64Field(const json::object& o, std::string_view name) {
    const json::value* v = o.if_contains(name);
    if (!v) return invalid("the document has no \"" + std::string(name) + "\"");
    if (v->is_uint64()) return v->get_uint64();
    if (v->is_int64() && v->get_int64() >= 0) return static_cast<uint64_t>(v->get_int64());
    if (v->is_string()) {
        const std::string_view s = v->get_string();
        uint64_t out = 0;
        auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
        if (!s.empty() && ec == std::errc() && end == s.data() + s.size()) return out;
    }
    return invalid("\"" + std::string(name) + "\" must be a non-negative integer");
}

Result<Bytes> base64Field(const json::object& o, std::string_view name) {
    auto s = stringField(o, name);
    if (!s) return s.error();
    auto b = fromBase64(*s);
    if (!b) return invalid("\"" + std::string(name) + "\" is not valid base64: " + b.message());
    return b;
}

std::string asString(ByteSpan b) {
    return std::string(b.begin(), b.end());
}

Bytes serialize(const google::protobuf::MessageLite& msg) {
    std::string out;
    msg.SerializeToString(&out);
    return Bytes(out.begin(), out.end());
}

std::vector<Coin> coinsOf(
    const google::protobuf::RepeatedPtrField<cosmos::base::v1beta1::Coin>& c) {
    std::vector<Coin> out;
    for (const auto& coin : c) out.push_back({coin.denom(), coin.amount()});
    return out;
}

Result<cosmos::tx::v1beta1::AuthInfo> decodeAuthInfo(const UnsignedTx& tx) {
    cosmos::tx::v1beta1::AuthInfo auth;
    if (!auth.ParseFromArray(tx.authInfoBytes.data(), static_cast<int>(tx.authInfoBytes.size())))
        return invalid("auth_info_bytes do not decode as a Cosmos AuthInfo");
    return auth;
}

}  // namespace

std::string formatCoins(const std::vector<Coin>& coins) {
    if (coins.empty()) return "nothing";
    std::string out;
    for (const Coin& c : coins) {
        if (!out.empty()) out += ", ";
        if (c.denom == "uallo" && !c.amount.empty() &&
            c.amount.find_first_not_of("0123456789") == std::string::npos) {
            if (auto amount = Amount::parse(c.amount + "uallo")) {
                out += amount->format() + " (" + c.amount + "uallo)";
                continue;
            }
        }
        out += c.amount + " " + c.denom;
    }
    return out;
}

std::string unsignedTxDocumentToJson(const UnsignedTxDocument& doc,
                                     const std::vector<std::string>& summary) {
    auto q = [](std::string_view s) { return json::serialize(json::string(s)); };
    std::string out = "{\n";
    out += "  \"type\": " + q(kUnsignedTxDocumentType) + ",\n";
    out += "  \"chain_id\": " + q(doc.chainId) + ",\n";
    out += "  \"account_number\": " + q(std::to_string(doc.accountNumber)) + ",\n";
    out += "  \"sequence\": " + q(std::to_string(doc.sequence)) + ",\n";
    out += "  \"signer\": " + q(doc.signer) + ",\n";
    out += "  \"body_bytes\": " + q(toBase64(doc.tx.bodyBytes)) + ",\n";
    out += "  \"auth_info_bytes\": " + q(toBase64(doc.tx.authInfoBytes)) + ",\n";
    out += "  \"summary\": [";
    for (size_t i = 0; i < summary.size(); ++i) out += (i ? ",\n    " : "\n    ") + q(summary[i]);
    out += summary.empty() ? "]\n" : "\n  ]\n";
    out += "}\n";
    return out;
}

Result<UnsignedTxDocument> parseUnsignedTxDocument(std::string_view text) {
    auto o = parseObject(text, "the unsigned tx document");
    if (!o) return o.error();
    for (const auto& [key, value] : *o) {
        static constexpr std::string_view kKnown[] = {
            "type",   "chain_id",   "account_number",  "sequence",
            "signer", "body_bytes", "auth_info_bytes", "summary"};
        if (std::find(std::begin(kKnown), std::end(kKnown), key) == std::end(kKnown))
            return invalid("unknown field \"" + std::string(key) +
                           "\" in the unsigned tx document");
    }
    auto type = stringField(*o, "type");
    if (!type) return type.error();
    if (*type != kUnsignedTxDocumentType)
        return invalid("not an unsigned tx document: \"type\" is \"" + *type + "\", expected \"" +
                       std::string(kUnsignedTxDocumentType) + "\"");
    UnsignedTxDocument doc;
    auto chainId = stringField(*o, "chain_id");
    if (!chainId) return chainId.error();
    if (chainId->empty()) return invalid("\"chain_id\" is empty");
    doc.chainId = std::move(*chainId);
    auto accountNumber = u64Field(*o, "account_number");
    if (!accountNumber) return accountNumber.error();
    doc.accountNumber = *accountNumber;
    auto sequence = u64Field(*o, "sequence");
    if (!sequence) return sequence.error();
    doc.sequence = *sequence;
    auto signer = stringField(*o, "signer");
    if (!signer) return signer.error();
    if (auto addr = bech32::decodeAddress(*signer, kAccountPrefix); !addr)
        return invalid("\"signer\": " + addr.message());
    doc.signer = std::move(*signer);
    auto body = base64Field(*o, "body_bytes");
    if (!body) return body.error();
    if (body->empty()) return invalid("\"body_bytes\" is empty");
    auto auth = base64Field(*o, "auth_info_bytes");
    if (!auth) return auth.error();
    doc.tx = UnsignedTx{std::move(*body), std::move(*auth)};
    // Reading the bytes now turns a damaged document into an error here, not at signing.
    if (auto s = summarizeTx(doc.tx); !s) return s.error();
    return doc;
}

std::string signedTxDocumentToJson(ByteSpan txRaw) {
    json::object o;
    o["tx_bytes"] = toBase64(txRaw);
    return json::serialize(o) + "\n";
}

Result<Bytes> parseSignedTxDocument(std::string_view text) {
    auto o = parseObject(text, "the signed tx document");
    if (!o) return o.error();
    if (o->size() != 1 || !o->contains("tx_bytes"))
        return invalid("a signed tx document is {\"tx_bytes\": base64} and nothing else");
    auto tx = base64Field(*o, "tx_bytes");
    if (!tx) return tx.error();
    cosmos::tx::v1beta1::TxRaw raw;
    if (tx->empty() || !raw.ParseFromArray(tx->data(), static_cast<int>(tx->size())) ||
        raw.signatures_size() == 0)
        return invalid("\"tx_bytes\" is not a signed transaction");
    return tx;
}

Result<TxSummary> summarizeTx(const UnsignedTx& tx) {
    cosmos::tx::v1beta1::TxBody body;
    if (!body.ParseFromArray(tx.bodyBytes.data(), static_cast<int>(tx.bodyBytes.size())))
        return invalid("body_bytes do not decode as a Cosmos TxBody");
    auto auth = decodeAuthInfo(tx);
    if (!auth) return auth.error();
    TxSummary s;
    for (const auto& any : body.messages()) {
        if (any.type_url() == "/cosmos.bank.v1beta1.MsgSend") {
            cosmos::bank::v1beta1::MsgSend m;
            if (!m.ParseFromString(any.value()))
                return invalid("a MsgSend in body_bytes does not decode");
            s.lines.push_back("send " + formatCoins(coinsOf(m.amount())) + " from " +
                              m.from_address() + " to " + m.to_address());
            s.signers.push_back(m.from_address());
        } else {
            s.lines.push_back("message " + any.type_url() + " (" +
                              std::to_string(any.value().size()) + " bytes)");
        }
    }
    if (body.messages().empty()) return invalid("the transaction has no messages");
    s.fee = coinsOf(auth->fee().amount());
    s.gasLimit = auth->fee().gas_limit();
    s.lines.push_back("fee " + formatCoins(s.fee) + ", gas limit " + std::to_string(s.gasLimit));
    s.memo = body.memo();
    if (!s.memo.empty()) s.lines.push_back("memo: " + s.memo);
    if (body.timeout_height() != 0)
        s.lines.push_back("valid until height " + std::to_string(body.timeout_height()));
    if (auth->signer_infos_size() > 0) {
        const auto& si = auth->signer_infos(0);
        cosmos::crypto::secp256k1::PubKey pub;
        if (si.public_key().type_url() == "/cosmos.crypto.secp256k1.PubKey" &&
            pub.ParseFromString(si.public_key().value()) && pub.key().size() == 33) {
            secp256k1::PubKey key{};
            std::copy(pub.key().begin(), pub.key().end(), key.begin());
            s.signerPublicKey = key;
        }
        s.signerSequence = si.sequence();
    }
    return s;
}

Result<UnsignedTx> withSigner(const UnsignedTx& tx, const secp256k1::PubKey& publicKey,
                              uint64_t sequence) {
    auto auth = decodeAuthInfo(tx);
    if (!auth) return auth.error();
    auth->clear_signer_infos();
    cosmos::crypto::secp256k1::PubKey pub;
    pub.set_key(asString(publicKey));
    auto* signer = auth->add_signer_infos();
    signer->mutable_public_key()->set_type_url("/cosmos.crypto.secp256k1.PubKey");
    signer->mutable_public_key()->set_value(pub.SerializeAsString());
    signer->mutable_mode_info()->mutable_single()->set_mode(
        cosmos::tx::signing::v1beta1::SIGN_MODE_DIRECT);
    signer->set_sequence(sequence);
    return UnsignedTx{tx.bodyBytes, serialize(*auth)};
}

Result<UnsignedTx> withoutSigner(const UnsignedTx& tx) {
    auto auth = decodeAuthInfo(tx);
    if (!auth) return auth.error();
    auth->clear_signer_infos();
    return UnsignedTx{tx.bodyBytes, serialize(*auth)};
}

}  // namespace allora::wallet
