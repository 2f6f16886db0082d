// BlockStore: the blocks, transactions and tx results of the chain, in SQLite tables of the node's
// database, written in the SAME transaction as the state commit (StateStore::commit), so after a
// crash the block store and the state are always at the same height.
//
// Tables:
//   chain_blocks(height PRIMARY KEY, hash UNIQUE, time_ns, app_hash, block)
//   chain_txs(height, idx, hash, tx, result; PRIMARY KEY (height, idx)), index on hash
//   chain_address_txs(address, height, idx; PRIMARY KEY (address, height, idx)): which txs touch
//     which address (a wallet's history). The addresses come from the tx result's events (the
//     values of "sender", "recipient" and "fee_payer"), as the chain wrote them: bech32 text.
//   chain_address_recent(height, idx, address; PRIMARY KEY (height, idx, address)): the same rows
//     for the newest blocks, appended block by block and moved into chain_address_txs in one
//     sorted pass once there are recentAddressRowsLimit() of them (putBlock explains why); a
//     query reads both.
// The result column is an allora.chain.v1.TxResultRecord (code, log, gas, events).
//
// A home created before chain_address_txs existed gets the table at open, filled from the txs
// already stored (once, in one transaction), so a wallet's history covers the whole chain.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/hash.h"
#include "core/result.h"
#include "core/row_batch.h"
#include "core/sqlite.h"
#include "node/chain/abci_types.h"

namespace allora::node {

struct StoredBlock {
    uint64_t height = 0;
    Hash256 hash{};
    int64_t timeUnixNanos = 0;
    Hash256 appHash{};  // the state after this block
    Bytes bytes;        // as the consensus engine encoded it
    std::vector<Hash256> txHashes;
};

struct StoredTx {
    Hash256 hash{};
    uint64_t height = 0;
    uint32_t index = 0;
    Bytes tx;
    TxResult result;
};

// A tx that touches an address, with the time of its block.
struct AddressTx {
    StoredTx tx;
    int64_t blockTimeUnixNanos = 0;
};

// A position in an address's history, newest first: txs strictly before (height, index).
struct TxCursor {
    uint64_t height = UINT64_MAX;
    uint32_t index = 0;
};

class BlockStore {
public:
    // Creates the tables if missing. `db` must outlive the store and stay where it is.
    static Result<std::unique_ptr<BlockStore>> open(Database& db);

    // Writes a block with its txs and their results inside `txn` (the caller's, shared with the
    // state commit). txs and results have the same length.
    Status putBlock(Transaction& txn, const StoredBlock& block, std::span<const Bytes> txs,
                    std::span<const TxResult> results);
    // The same with each tx's hash (SHA-256 of its bytes) already at hand: txHashes has the
    // length of txs.
    Status putBlock(Transaction& txn, const StoredBlock& block, std::span<const Bytes> txs,
                    std::span<const TxResult> results, std::span<const Hash256> txHashes);

    // Highest stored height, 0 when empty.
    Result<uint64_t> latestHeight() const;
    Result<std::optional<StoredBlock>> blockByHeight(uint64_t height) const;
    Result<std::optional<StoredBlock>> blockByHash(const Hash256& hash) const;
    // The latest inclusion of a tx with this hash (a tx that failed may be included again).
    Result<std::optional<StoredTx>> txByHash(const Hash256& hash) const;
    // Up to `limit` txs touching `address` (bech32, as the events carry it), newest first,
    // strictly before `before`.
    Result<std::vector<AddressTx>> txsByAddress(std::string_view address, TxCursor before,
                                                uint32_t limit) const;

    // How many address rows wait in chain_address_recent before they move to the main index
    // (the default: ~8 blocks of 1k MsgSends; a query walks at most about that many rows).
    static constexpr size_t kRecentAddressRows = 16'384;
    size_t recentAddressRowsLimit() const { return recentAddressRowsLimit_; }
    // For tests and tuning; takes effect at the next putBlock.
    void setRecentAddressRowsLimit(size_t rows);

private:
    explicit BlockStore(Database& db) : db_(&db) {}
    Result<std::optional<StoredBlock>> readBlock(Statement& stmt) const;
    Status indexAddresses(uint64_t height, int64_t index, const TxResult& result);
    Status indexPastTxs();
    Status mergeRecentAddresses();
    Status readAddressTxs(Statement& stmt, std::string_view address, TxCursor before,
                          uint32_t limit, std::vector<AddressTx>& out) const;

    Database* db_;
    mutable Statement insertBlock_, insertAddressTx_, selectByHeight_, selectByHash_,
        selectTxHashes_, selectTx_, selectLatest_, selectByAddress_, selectRecentByAddress_,
        countRecent_, mergeRecent_, clearRecent_;
    // A block's tx rows and recent address rows, several to one INSERT (core/row_batch.h).
    RowBatch<uint64_t, int64_t, ByteSpan, ByteSpan, ByteSpan> insertTxs_;
    RowBatch<uint64_t, int64_t, std::string_view> insertRecentAddresses_;
    // Rows in chain_address_recent as this store counts them (read at open, kept up by putBlock;
    // a rolled-back block leaves it high, which only brings the next merge forward).
    size_t recentAddressRows_ = 0;
    size_t recentAddressRowsLimit_ = kRecentAddressRows;
};

// The addresses a tx result names (values of its events' "sender", "recipient" and "fee_payer"
// attributes), each once, in the order first seen.
std::vector<std::string_view> txAddresses(const TxResult& result);

// TxResult <-> its stored form (allora.chain.v1.TxResultRecord bytes).
Bytes encodeTxResult(const TxResult& result);
// The same appended to `out` (a buffer reused from one tx to the next).
void encodeTxResult(const TxResult& result, Bytes& out);
Result<TxResult> decodeTxResult(ByteSpan bytes);

}  // namespace allora::node
