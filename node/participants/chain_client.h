// How the reference participants talk to the chain: exactly as an outside worker or reputer does,
// through the node API only (NodeApi::query with the public query paths, and
// NodeApi::broadcastTxSync with transactions they sign and pay fees for). They never touch the
// node's state or modules directly.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "allora/emissions/v9/query.pb.h"
#include "core/amount.h"
#include "core/result.h"
#include "node/api/node_api.h"
#include "node/modules/proto_util.h"
#include "wallet/account.h"
#include "wallet/tx_builder.h"

namespace allora::participants {

namespace pb = ::emissions::v9;

class ChainClient {
public:
    explicit ChainClient(node::api::NodeApi& api) : api_(api) {}

    // A query answered with a protobuf; a non-zero code becomes an error with the node's log.
    template <typename Resp>
    Result<Resp> query(std::string_view path, const google::protobuf::MessageLite& request) {
        node::QueryRequest q;
        q.path = std::string(path);
        q.data = node::toBytes(request);
        node::QueryResponse r = api_.query(q);
        if (r.code != 0)
            return makeError(r.code == 18 ? ErrorCode::NotFound : ErrorCode::Io,
                             std::string(path) + ": " + r.log);
        Resp out;
        if (!out.ParseFromArray(r.value.data(), static_cast<int>(r.value.size())))
            return makeError(ErrorCode::Corrupt,
                             std::string(path) + ": the answer does not decode");
        return out;
    }
    // An emissions query by its name ("GetTopic").
    template <typename Resp>
    Result<Resp> emissions(std::string_view name, const google::protobuf::MessageLite& request) {
        return query<Resp>("/emissions.v9.Query/" + std::string(name), request);
    }

    node::api::NodeStatus status() { return api_.status(); }
    node::CheckTxResult broadcast(ByteSpan txRaw) { return api_.broadcastTxSync(txRaw); }

    // The committed account number and sequence; nullopt while the account does not exist.
    struct AccountState {
        uint64_t number = 0;
        uint64_t sequence = 0;
    };
    Result<std::optional<AccountState>> account(const std::string& address);
    // The chain's minimum gas price (uallo per gas), read once.
    Result<Amount> feeFor(uint64_t gas);

private:
    node::api::NodeApi& api_;
    std::optional<std::string> minGasPrice_;
};

// One participant's account: signs its transactions (SIGN_MODE_DIRECT) and payload bundles with
// its key held in memory (unlocked once from the encrypted keyring), and tracks its sequence
// across transactions still in the mempool.
class ParticipantAccount {
public:
    explicit ParticipantAccount(wallet::Account account) : account_(std::move(account)) {}

    const std::string& address() const { return account_.address; }
    const secp256k1::PubKey& publicKey() const { return account_.publicKey; }
    std::string publicKeyHex() const;
    // secp256k1 over SHA-256(bytes): what payload bundles carry.
    Result<secp256k1::Signature> signBytes(ByteSpan bytes) const;

    // Signs and broadcasts one tx of `messages` (gas `gas`, the chain's minimum fee for it).
    // Returns the CheckTx result; a sequence mismatch re-reads the sequence for the next call.
    Result<node::TxResult> send(ChainClient& chain, std::vector<wallet::AnyMessage> messages,
                                uint64_t gas = kDefaultGas);

    static constexpr uint64_t kDefaultGas = 2'000'000;

private:
    wallet::Account account_;
    std::optional<uint64_t> accountNumber_;
    std::optional<uint64_t> nextSequence_;
    std::string chainId_;
};

// A message packed as Any under its emissions.v9 type URL.
template <typename Msg>
wallet::AnyMessage emissionsMessage(std::string_view name, const Msg& msg) {
    return wallet::AnyMessage{"/emissions.v9." + std::string(name), node::toBytes(msg)};
}

}  // namespace allora::participants
