// Building and signing Cosmos transactions in SIGN_MODE_DIRECT (PROTOCOL.md §2).
//
// The bytes are produced with the protobuf schema in core/proto, whose field numbers are the Cosmos
// SDK's, so a MsgSend built here is byte-identical to what cosmjs and Keplr sign (a unit test
// rebuilds the cosmjs vectors). Signing itself is the keyring's job: this file only builds the
// SignDoc bytes to hand it and assembles the TxRaw from the signature.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/bytes.h"
#include "core/hash.h"
#include "core/result.h"
#include "core/secp256k1.h"

namespace allora::wallet {

struct Coin {
    std::string denom;
    std::string amount;  // decimal integer string, as Cosmos encodes it
};

// A message packed as google.protobuf.Any.
struct AnyMessage {
    std::string typeUrl;
    Bytes value;
};

struct Fee {
    std::vector<Coin> amount;
    uint64_t gasLimit = 0;
    std::string payer;
    std::string granter;
};

// /cosmos.bank.v1beta1.MsgSend
AnyMessage makeMsgSend(std::string_view fromAddress, std::string_view toAddress,
                       const std::vector<Coin>& amount);

// A transaction whose body and auth info are fixed; what remains is the signature.
struct UnsignedTx {
    Bytes bodyBytes;
    Bytes authInfoBytes;

    // SignDoc{body, auth_info, chain_id, account_number}: the bytes to sign.
    Bytes signBytes(std::string_view chainId, uint64_t accountNumber) const;
    // TxRaw{body, auth_info, [signature]}: the bytes to broadcast.
    Bytes toTxRaw(const secp256k1::Signature& signature) const;
};

struct TxSpec {
    std::vector<AnyMessage> messages;
    std::string memo;
    uint64_t timeoutHeight = 0;
    Fee fee;
    secp256k1::PubKey signerPublicKey{};
    uint64_t sequence = 0;
};

// Encodes body and auth info (one signer, SIGN_MODE_DIRECT). Fails on an empty message list or a
// memo over 256 characters (the x/auth default) with a clear message.
Result<UnsignedTx> buildTx(const TxSpec& spec);

// SHA-256 of the TxRaw bytes: the transaction hash explorers and nodes show (upper-case hex there).
inline Hash256 txHash(ByteSpan txRaw) {
    return sha256(txRaw);
}

}  // namespace allora::wallet
