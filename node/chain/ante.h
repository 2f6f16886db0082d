// AnteHandler: the checks and charges that run before a transaction's messages, in the Cosmos
// SDK's order: basic validation (messages known, signers, signature count, fee coins, gas limit,
// timeout height, memo), tx size gas, minimum fee (min gas price × gas limit, a chain param),
// fee deduction from the first signer into the fee collector, public key set on an account's
// first tx (its address must be the signer's), signature gas, sequence, signature over
// SignDoc{body, auth_info, chain_id, account_number} (SIGN_MODE_DIRECT, secp256k1, low-S), and
// the sequence increment.
//
// The caller runs it on a child overlay and merges that only on success: a rejected tx changes
// nothing (no fee, no sequence). Its writes (fee, sequence, pubkey) stay even when the messages
// fail afterwards, as in the SDK, so a failed tx still pays and cannot be replayed.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/secp256k1.h"
#include "node/chain/abci_types.h"
#include "node/chain/tx_decoder.h"
#include "node/chain/tx_status.h"
#include "node/modules/auth/auth_keeper.h"
#include "node/modules/bank/bank_keeper.h"
#include "node/modules/kv_store.h"
#include "node/modules/msg_router.h"

namespace allora::node {

struct AnteResult {
    TxStatus status;
    // bech32, in the order the signatures come: a view into the tx's DecodedTx::stateless, which
    // lives as long as the DecodedTx does.
    std::span<const std::string> signers;
    std::string feePayer;
    uint64_t sequence = 0;   // the first signer's sequence this tx used
    uint64_t gasWanted = 0;  // the tx's gas limit
    uint64_t priority = 0;   // uallo fee per unit of gas, floor
    std::vector<Event> events;
};

class AnteHandler {
public:
    AnteHandler(const auth::AuthKeeper& auth, const bank::BankKeeper& bank, const MsgRouter& router)
        : auth_(auth), bank_(bank), router_(router) {}

    // What a run does besides reaching its verdict and making its writes.
    struct RunOptions {
        // false: signatures are not verified again (mempool recheck: they cannot have changed,
        // only the state they depend on).
        bool verifySignatures = true;
        // false: AnteResult::events stays empty (checkTx and prepareProposal throw them away).
        // Events cost no gas: verdict, writes and gas are the same either way.
        bool events = true;
    };

    // `store` must be metered with a GasMeter whose limit is the tx's gas limit.
    AnteResult run(const DecodedTx& tx, KvStore& store, const BlockInfo& block,
                   const std::string& chainId, RunOptions options) const;
    AnteResult run(const DecodedTx& tx, KvStore& store, const BlockInfo& block,
                   const std::string& chainId) const {
        return run(tx, store, block, chainId, RunOptions{});
    }

private:
    // The stateless checks, computed once per decoded tx (DecodedTx::stateless).
    TxStatus validateBasic(const DecodedTx& tx, AnteResult& out) const;
    TxStatus checkStateless(const DecodedTx& tx, DecodedTx::StatelessCheck& out) const;
    TxStatus checkAndDeductFee(const DecodedTx& tx, KvStore& store, const BlockInfo& block,
                               bool events, AnteResult& out) const;
    TxStatus checkSigner(const DecodedTx& tx, size_t index, KvStore& store,
                         const std::string& chainId, const RunOptions& options,
                         AnteResult& out) const;

    bool verifySignature(ByteSpan pubKey, const Hash256& signBytesDigest, ByteSpan signature) const;
    // A valid compressed secp256k1 key: its address (HASH160) and its parsed form.
    struct KnownKey {
        Hash160 address{};
        secp256k1::ParsedPubKey key;
    };
    // The key's entry, nullptr for an invalid key (or one not 33 bytes long).
    const KnownKey* knownKey(ByteSpan pub33) const;
    // The address (HASH160) of a valid compressed secp256k1 key, nullopt for an invalid one.
    std::optional<Hash160> keyAddress(ByteSpan pub33) const;

    const auth::AuthKeeper& auth_;
    const bank::BankKeeper& bank_;
    const MsgRouter& router_;

    // Signatures already verified: SHA-256(sign bytes) -> (public key, signature). The digest is
    // what ECDSA verifies anyway, so a lookup costs no extra hashing, and a hit requires all
    // three to be equal. A tx is verified at checkTx and looked up again by prepareProposal and
    // when its block executes; verification is a pure function of these bytes, so remembering a
    // positive answer changes no outcome and halves the dominant cost of a transfer. A failure is
    // never remembered. Only lookups, never iterated; cleared when it reaches kMaxVerified
    // (about 40 MB at the limit).
    static constexpr size_t kMaxVerified = 200'000;
    struct HashOfHash {
        size_t operator()(const Hash256& h) const {
            size_t v = 0;
            for (size_t i = 0; i < sizeof v; ++i) v = (v << 8) | h[i];
            return v;
        }
    };
    using KeyAndSignature = std::array<uint8_t, 33 + 64>;
    mutable std::unordered_multimap<Hash256, KeyAndSignature, HashOfHash> verified_;

    // Public keys already checked (valid point) with their address and parsed form: every tx
    // carries its signer's key, and parsing it (a field square root) plus HASH160 cost more than
    // the rest of the signer checks; the parsed form also spares verification its own parse.
    // Pure functions of the 33 bytes, so remembering them changes no outcome. Only valid keys
    // are kept; cleared when it reaches kMaxKeys.
    static constexpr size_t kMaxKeys = 100'000;
    using PubKey33 = std::array<uint8_t, 33>;
    struct HashOfKey {
        size_t operator()(const PubKey33& k) const {
            size_t v = 0;
            for (size_t i = 1; i <= sizeof v; ++i) v = (v << 8) | k[i];  // x coordinate bytes
            return v;
        }
    };
    mutable std::unordered_map<PubKey33, KnownKey, HashOfKey> keyAddresses_;
};

}  // namespace allora::node
