// The plain data that crosses the application boundary (ABCI++-shaped, in process).
//
// The consensus engine, the mempool and the HTTP API talk to the chain only through Application
// (application.h) and these structs; none of them sees modules or the state store.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/bytes.h"
#include "core/hash.h"

namespace allora::node {

// Result codes, as the Cosmos SDK's sdkerrors (codespace "sdk"), so that tools reading
// `code` recognise them. 0 is success.
enum class TxCode : uint32_t {
    Ok = 0,
    Internal = 1,
    TxDecode = 2,
    InvalidSequence = 3,
    Unauthorized = 4,  // includes a signature that does not verify (e.g. signed for another chain)
    InsufficientFunds = 5,
    UnknownRequest = 6,
    InvalidAddress = 7,
    InvalidPubKey = 8,
    UnknownAddress = 9,
    InvalidCoins = 10,
    OutOfGas = 11,
    MemoTooLarge = 12,
    InsufficientFee = 13,
    TooManySignatures = 14,
    NoSignatures = 15,
    InvalidRequest = 18,
    TxInMempoolCache = 19,
    MempoolIsFull = 20,
    TxTooLarge = 21,
    InvalidChainId = 28,
    TxTimeoutHeight = 30,
    InvalidGasLimit = 41,
};

struct EventAttribute {
    std::string key;
    std::string value;
};

struct Event {
    std::string type;  // e.g. "transfer", "message", "tx"
    std::vector<EventAttribute> attributes;
};

struct TxResult {
    uint32_t code = 0;          // TxCode
    std::string codespace;      // "sdk" or a module name
    std::string log;            // a sentence a person can read: why it failed
    uint64_t gasWanted = 0;
    uint64_t gasUsed = 0;
    std::vector<Event> events;
    bool ok() const { return code == 0; }
};

enum class CheckTxMode { New, Recheck };

struct CheckTxResult {
    TxResult result;
    // For the mempool: who pays and at which sequence, and what fee per gas (ordering).
    std::string sender;
    uint64_t sequence = 0;
    uint64_t gasWanted = 0;
    uint64_t priority = 0;  // fee per unit of gas, in uallo (floor)
};

// What the consensus engine has decided: the block to apply.
struct BlockInfo {
    std::string chainId;
    uint64_t height = 0;
    int64_t timeUnixNanos = 0;  // block time from the header: the only clock consensus code sees
    Bytes proposerAddress;      // 20-byte consensus address
    Hash256 lastBlockHash{};
};

struct ValidatorUpdate {
    Bytes pubKey;  // 32-byte Ed25519
    int64_t power = 0;
};

struct FinalizeBlockRequest {
    BlockInfo block;
    std::vector<Bytes> txs;  // TxRaw bytes in block order
    // The whole block as the consensus engine encodes it (header, txs, last commit) and its hash.
    // Opaque to the application: stored with the block's state in the same SQLite transaction at
    // commit, so a crash leaves either both or neither.
    Hash256 blockHash{};
    Bytes blockBytes;
};

struct FinalizeBlockResponse {
    std::vector<TxResult> txResults;  // one per tx, same order
    std::vector<Event> events;        // begin/end-block events
    std::vector<ValidatorUpdate> validatorUpdates;
    Hash256 appHash{};                // state root after this block, committed by Commit()
};

struct InfoResponse {
    uint64_t lastBlockHeight = 0;  // 0 before genesis is applied
    Hash256 lastBlockAppHash{};
    std::string chainId;
    std::string version;
};

struct QueryRequest {
    std::string path;  // e.g. "/cosmos.bank.v1beta1.Query/AllBalances" or a store path
    Bytes data;
    uint64_t height = 0;  // 0 = latest
    bool prove = false;
};

struct QueryResponse {
    uint32_t code = 0;
    std::string log;
    Bytes value;
    uint64_t height = 0;
    Bytes proof;  // encoded Merkle proof when asked for
};

}  // namespace allora::node
