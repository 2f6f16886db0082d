#include "node/chain/ante.h"

#include <algorithm>

#include "core/encoding.h"
#include "core/secp256k1.h"
#include "cosmos/crypto/secp256k1/keys.pb.h"
#include "node/chain/chain_params.h"
#include "node/modules/address.h"
#include "node/modules/proto_util.h"

namespace allora::node {

namespace {

// A failure while reading or writing state: out of gas if the meter ran out, else internal.
TxStatus storeFailure(const KvStore& store, const Error& error) {
    if (store.gasMeter() != nullptr && store.gasMeter()->exhausted())
        return TxStatus::fail(TxCode::OutOfGas, store.gasMeter()->outOfGasLog());
    return TxStatus::internal(error);
}

TxStatus outOfGas(const KvStore& store) {
    return TxStatus::fail(TxCode::OutOfGas, store.gasMeter()->outOfGasLog());
}

bool consume(KvStore& store, uint64_t amount, std::string_view what) {
    return store.gasMeter() == nullptr || store.gasMeter()->consume(amount, what);
}

}  // namespace

TxStatus AnteHandler::validateBasic(const DecodedTx& tx, AnteResult& out) const {
    if (!tx.stateless) {
        DecodedTx::StatelessCheck fresh;
        fresh.status = checkStateless(tx, fresh);
        tx.stateless = std::make_shared<const DecodedTx::StatelessCheck>(std::move(fresh));
    }
    const DecodedTx::StatelessCheck& known = *tx.stateless;
    out.signers = known.signers;  // a view: the DecodedTx outlives this run
    out.feePayer = known.feePayer;
    out.gasWanted = known.gasWanted;
    return known.status;
}

TxStatus AnteHandler::checkStateless(const DecodedTx& tx, DecodedTx::StatelessCheck& out) const {
    if (tx.body.messages_size() == 0)
        return TxStatus::fail(TxCode::InvalidRequest, "must contain at least one message");
    for (const auto& any : tx.body.messages()) {
        const MsgHandler* handler = router_.find(any.type_url());
        if (handler == nullptr)
            return TxStatus::fail(TxCode::UnknownRequest,
                                  "unrecognized message type: " + any.type_url());
        std::vector<std::string> signers;
        if (TxStatus s = handler->validateBasic(asBytes(any.value()), signers); !s.ok()) return s;
        for (auto& signer : signers)  // unique, in order of first appearance (the SDK's GetSigners)
            if (std::find(out.signers.begin(), out.signers.end(), signer) == out.signers.end())
                out.signers.push_back(std::move(signer));
    }
    const auto sigCount = static_cast<size_t>(tx.raw.signatures_size());
    if (sigCount == 0) return TxStatus::fail(TxCode::NoSignatures, "no signatures supplied");
    if (sigCount != out.signers.size())
        return TxStatus::fail(TxCode::Unauthorized, "wrong number of signers; expected " +
                                                        std::to_string(out.signers.size()) +
                                                        ", got " + std::to_string(sigCount));
    if (static_cast<size_t>(tx.authInfo.signer_infos_size()) != sigCount)
        return TxStatus::fail(TxCode::Unauthorized,
                              "invalid number of signer infos; expected " +
                                  std::to_string(sigCount) + ", got " +
                                  std::to_string(tx.authInfo.signer_infos_size()));
    const auto& fee = tx.authInfo.fee();
    if (!fee.payer().empty() || !fee.granter().empty())
        return TxStatus::fail(TxCode::InvalidRequest,
                              "fee payer and fee granter are not supported");
    auto coins = coinsFromProto(fee.amount());
    if (!coins)
        return TxStatus::fail(TxCode::InsufficientFee, "invalid fee amount: " + coins.message());
    out.gasWanted = fee.gas_limit();
    out.feePayer = out.signers.front();

    out.fee = std::move(*coins);
    out.feeText = coinsToString(out.fee);
    out.signerAddresses.reserve(out.signers.size());
    for (const std::string& signer : out.signers) {
        auto address = parseAddress(signer);
        out.signerAddresses.push_back(address ? std::move(*address) : Bytes{});
    }
    using State = DecodedTx::StatelessCheck::SignerKey::State;
    out.signerKeys.resize(sigCount);
    for (size_t i = 0; i < sigCount; ++i) {
        const auto& info = tx.authInfo.signer_infos(static_cast<int>(i));
        auto& key = out.signerKeys[i];
        if (!info.has_public_key()) continue;  // Absent
        if (info.public_key().type_url() != auth::kSecp256k1PubKeyType) {
            key.state = State::WrongType;
            continue;
        }
        cosmos::crypto::secp256k1::PubKey pk;
        std::optional<Hash160> keyAddr;
        if (parseStrict(pk, asBytes(info.public_key().value())) && pk.key().size() == 33)
            keyAddr = keyAddress(asBytes(pk.key()));
        if (!keyAddr) {
            key.state = State::Invalid;
            continue;
        }
        key.state = State::Valid;
        std::copy(pk.key().begin(), pk.key().end(), key.key.begin());
        key.address = *keyAddr;
    }
    return TxStatus::success();
}

TxStatus AnteHandler::checkAndDeductFee(const DecodedTx& tx, KvStore& store, const BlockInfo& block,
                                        bool events, AnteResult& out) const {
    auto params = loadChainParams(store);
    if (!params) return storeFailure(store, params.error());
    if (params->block_max_gas() != 0 && out.gasWanted > params->block_max_gas())
        return TxStatus::fail(TxCode::InvalidGasLimit, "gas limit " +
                                                           std::to_string(out.gasWanted) +
                                                           " exceeds the block gas limit " +
                                                           std::to_string(params->block_max_gas()));
    auto price = minGasPrice(*params);
    if (!price) return TxStatus::internal(price.error());
    auto required = price->feeFor(out.gasWanted);
    if (!required) return TxStatus::internal(required.error());
    const DecodedTx::StatelessCheck& known = *tx.stateless;
    const Coins* fee = &known.fee;  // parsed by validateBasic
    const Amount paid = amountOf(*fee, kBondDenom);
    if (paid < *required) {
        return TxStatus::fail(
            TxCode::InsufficientFee,
            "insufficient fees; got: " + (fee->empty() ? std::string("0uallo") : known.feeText) +
                " required: " + required->toCoinString());
    }
    if (out.gasWanted > 0) {
        auto perGas = paid.mulFrac(1, out.gasWanted);
        auto asU64 = perGas ? perGas->toUint64() : Result<uint64_t>(perGas.error());
        out.priority = asU64 ? *asU64 : UINT64_MAX;
    }
    Bytes parsedPayer;
    ByteSpan payer = known.signerAddresses.front();  // the fee payer is the first signer
    if (payer.empty()) {
        auto parsed = parseAddress(out.feePayer);
        if (!parsed) return TxStatus::fail(TxCode::InvalidAddress, parsed.message());
        parsedPayer = std::move(*parsed);
        payer = parsedPayer;
    }
    auto exists = auth_.hasAccount(store, payer);
    if (!exists) return storeFailure(store, exists.error());
    if (!*exists)
        return TxStatus::fail(TxCode::UnknownAddress,
                              "fee payer address: " + out.feePayer + " does not exist");
    if (!fee->empty()) {
        static const Bytes feeCollector = moduleAddress(auth::kFeeCollectorName);
        TxStatus sent = bank_.send(store, block.timeUnixNanos / 1'000'000'000, payer, feeCollector,
                                   *fee, nullptr);
        if (!sent.ok()) {
            if (sent.code == TxCode::Internal)
                return storeFailure(store, makeError(ErrorCode::Internal, sent.log));
            return TxStatus::fail(sent.code, sent.log);
        }
    }
    if (events)
        out.events.push_back(Event{"tx", {{"fee", known.feeText}, {"fee_payer", out.feePayer}}});
    return TxStatus::success();
}

namespace {

// An account's secp256k1 key as stored (Any{type, PubKey{key}}), read in place when the record
// has the usual form: PubKey is field 1 (tag 0x0a) of 33 bytes (0x21), nothing else. Any other
// form goes through AuthKeeper::publicKeyOf, which gives the same key or the same error.
std::optional<ByteSpan> storedKeyInPlace(const auth::Account& account) {
    if (!account.base().has_pub_key()) return std::nullopt;
    const auto& any = account.base().pub_key();
    const std::string& v = any.value();
    if (any.type_url() != auth::kSecp256k1PubKeyType || v.size() != 35 || v[0] != 0x0a ||
        v[1] != 0x21)
        return std::nullopt;
    return ByteSpan(reinterpret_cast<const uint8_t*>(v.data()) + 2, 33);
}

}  // namespace

TxStatus AnteHandler::checkSigner(const DecodedTx& tx, size_t index, KvStore& store,
                                  const std::string& chainId, const RunOptions& options,
                                  AnteResult& out) const {
    const std::string& signer = out.signers[index];
    const DecodedTx::StatelessCheck& stateless = *tx.stateless;
    const auto& info = tx.authInfo.signer_infos(static_cast<int>(index));
    Bytes parsedAddress;
    ByteSpan address = stateless.signerAddresses[index];
    if (address.empty()) {
        auto parsed = parseAddress(signer);
        if (!parsed) return TxStatus::fail(TxCode::InvalidAddress, parsed.message());
        parsedAddress = std::move(*parsed);
        address = parsedAddress;
    }
    auto stored = auth_.accountView(store, address);
    if (!stored) return storeFailure(store, stored.error());
    if (!*stored)
        return TxStatus::fail(TxCode::UnknownAddress, "account " + signer + " does not exist");
    // A copy to update, kept per thread so that its strings keep their buffers from one tx to the
    // next (the view is only valid until the next account read).
    thread_local auth::Account account;
    account.CopyFrom(**stored);

    if (!info.has_mode_info() || !info.mode_info().has_single() ||
        info.mode_info().single().mode() != cosmos::tx::signing::v1beta1::SIGN_MODE_DIRECT)
        return TxStatus::fail(TxCode::InvalidRequest,
                              "unsupported sign mode: only SIGN_MODE_DIRECT is accepted");

    // The public key: the account's, or (first tx) the one in the signer info, which must hash to
    // the signer's address.
    std::optional<ByteSpan> known = storedKeyInPlace(account);
    Bytes knownParsed;
    if (!known && account.base().has_pub_key()) {
        auto parsed = auth::AuthKeeper::publicKeyOf(account);
        if (!parsed) return TxStatus::internal(parsed.error());
        if (*parsed) {
            knownParsed = std::move(**parsed);
            known = ByteSpan(knownParsed);
        }
    }
    using KeyState = DecodedTx::StatelessCheck::SignerKey::State;
    const auto& infoKey = stateless.signerKeys[index];
    ByteSpan pubKey;
    if (info.has_public_key()) {
        if (infoKey.state == KeyState::WrongType)
            return TxStatus::fail(TxCode::InvalidPubKey,
                                  "unsupported public key type: " + info.public_key().type_url());
        if (infoKey.state != KeyState::Valid)
            return TxStatus::fail(TxCode::InvalidPubKey, "invalid secp256k1 public key");
        pubKey = infoKey.key;
        const Hash160& derived = infoKey.address;
        if (!std::equal(derived.begin(), derived.end(), address.begin(), address.end()))
            return TxStatus::fail(TxCode::InvalidPubKey,
                                  "pubKey does not match signer address " + signer +
                                      " with signer index: " + std::to_string(index));
        if (known && !std::equal(known->begin(), known->end(), pubKey.begin(), pubKey.end()))
            return TxStatus::fail(TxCode::InvalidPubKey, "pubKey does not match the account's key");
    } else if (known) {
        pubKey = *known;
    } else {
        return TxStatus::fail(TxCode::InvalidPubKey, "pubKey on account " + signer + " is not set");
    }
    const bool setPubKey = !known;
    if (setPubKey) auth::AuthKeeper::setPublicKey(account, pubKey);  // pubKey: the signer info's

    auto params = auth_.params(store);
    if (!params) return storeFailure(store, params.error());
    if (!consume(store, params->sig_verify_cost_secp256k1(), "ante verify: secp256k1"))
        return outOfGas(store);

    const uint64_t sequence = account.base().sequence();
    if (info.sequence() != sequence)
        return TxStatus::fail(TxCode::InvalidSequence, "account sequence mismatch, expected " +
                                                           std::to_string(sequence) + ", got " +
                                                           std::to_string(info.sequence()));
    if (options.verifySignatures) {
        const Hash256 digest = signDocDigest(tx, chainId, account.base().account_number());
        const std::string& sig = tx.raw.signatures(static_cast<int>(index));
        if (sig.size() != 64 || !verifySignature(pubKey, digest, asBytes(sig))) {
            return TxStatus::fail(TxCode::Unauthorized,
                                  "signature verification failed; please verify account number (" +
                                      std::to_string(account.base().account_number()) +
                                      "), sequence (" + std::to_string(sequence) +
                                      ") and chain-id (" + chainId + ")");
        }
    }
    if (index == 0) out.sequence = sequence;
    account.mutable_base()->set_sequence(sequence + 1);
    // The record goes back where it was read: "auth/acc/" + the signer's address.
    if (auto s = auth_.setAccount(store, address, account); !s)
        return storeFailure(store, s.error());
    if (options.events) {
        out.events.push_back(Event{"tx", {{"acc_seq", signer + "/" + std::to_string(sequence)}}});
        out.events.push_back(Event{"tx", {{"signature", signatureBase64(tx, index)}}});
    }
    return TxStatus::success();
}

bool AnteHandler::verifySignature(ByteSpan pubKey, const Hash256& signBytesDigest,
                                  ByteSpan signature) const {
    KeyAndSignature entry{};
    const bool cacheable = pubKey.size() == 33 && signature.size() == 64;
    if (!cacheable) return secp256k1::verifyDigest(pubKey, signBytesDigest, signature);
    std::copy(pubKey.begin(), pubKey.end(), entry.begin());
    std::copy(signature.begin(), signature.end(), entry.begin() + 33);
    const auto [first, last] = verified_.equal_range(signBytesDigest);
    for (auto it = first; it != last; ++it)
        if (it->second == entry) return true;
    // The key's parsed form from knownKey(), so the field square root of parsing it is not paid
    // again for every tx of a known signer; a key that does not parse fails, as in verifyDigest.
    const KnownKey* key = knownKey(pubKey);
    if (key == nullptr || !key->key.verifyDigest(signBytesDigest, signature)) return false;
    if (verified_.size() >= kMaxVerified) verified_.clear();
    verified_.emplace(signBytesDigest, entry);
    return true;
}

const AnteHandler::KnownKey* AnteHandler::knownKey(ByteSpan pub33) const {
    PubKey33 key{};
    if (pub33.size() != key.size()) return nullptr;
    std::copy(pub33.begin(), pub33.end(), key.begin());
    if (const auto it = keyAddresses_.find(key); it != keyAddresses_.end()) return &it->second;
    // secp256k1::isValidPublicKey's test: the key parses (a point on the curve, compressed).
    auto parsed = secp256k1::ParsedPubKey::parse(pub33);
    if (!parsed) return nullptr;
    if (keyAddresses_.size() >= kMaxKeys) keyAddresses_.clear();
    return &keyAddresses_.emplace(key, KnownKey{hash160(pub33), *parsed}).first->second;
}

std::optional<Hash160> AnteHandler::keyAddress(ByteSpan pub33) const {
    const KnownKey* known = knownKey(pub33);
    if (known == nullptr) return std::nullopt;
    return known->address;
}

AnteResult AnteHandler::run(const DecodedTx& tx, KvStore& store, const BlockInfo& block,
                            const std::string& chainId, RunOptions options) const {
    AnteResult out;
    auto finish = [&](TxStatus s) {
        out.status = std::move(s);
        return std::move(out);
    };
    if (TxStatus s = validateBasic(tx, out); !s.ok()) return finish(std::move(s));
    auto params = auth_.params(store);
    if (!params) return finish(storeFailure(store, params.error()));
    if (params->max_tx_bytes() != 0 && tx.size > params->max_tx_bytes())
        return finish(TxStatus::fail(
            TxCode::TxTooLarge, "tx size " + std::to_string(tx.size) + " exceeds the limit of " +
                                    std::to_string(params->max_tx_bytes()) + " bytes"));
    if (static_cast<uint64_t>(out.signers.size()) > params->tx_sig_limit())
        return finish(TxStatus::fail(TxCode::TooManySignatures,
                                     "signatures: " + std::to_string(out.signers.size()) +
                                         ", limit: " + std::to_string(params->tx_sig_limit())));
    const uint64_t timeout = tx.body.timeout_height();
    if (timeout != 0 && block.height > timeout)
        return finish(TxStatus::fail(TxCode::TxTimeoutHeight,
                                     "block height: " + std::to_string(block.height) +
                                         ", timeout height: " + std::to_string(timeout)));
    if (tx.body.memo().size() > params->max_memo_characters())
        return finish(TxStatus::fail(
            TxCode::MemoTooLarge,
            "maximum number of characters is " + std::to_string(params->max_memo_characters()) +
                " but received " + std::to_string(tx.body.memo().size()) + " characters"));
    const uint64_t sizeCost =
        params->tx_size_cost_per_byte() > UINT64_MAX / std::max<uint64_t>(tx.size, 1)
            ? UINT64_MAX
            : params->tx_size_cost_per_byte() * tx.size;
    if (!consume(store, sizeCost, "txSize")) return finish(outOfGas(store));
    if (TxStatus s = checkAndDeductFee(tx, store, block, options.events, out); !s.ok())
        return finish(std::move(s));
    for (size_t i = 0; i < out.signers.size(); ++i)
        if (TxStatus s = checkSigner(tx, i, store, chainId, options, out); !s.ok())
            return finish(std::move(s));
    return finish(TxStatus::success());
}

}  // namespace allora::node
