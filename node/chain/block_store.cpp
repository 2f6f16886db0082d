#include "node/chain/block_store.h"

#include <algorithm>
#include <string>

#include "allora/chain/v1/chain.pb.h"
#include "node/modules/proto_util.h"

namespace allora::node {

namespace {

Hash256 toHash(ByteSpan bytes) {
    Hash256 h{};
    if (bytes.size() == h.size()) std::copy(bytes.begin(), bytes.end(), h.begin());
    return h;
}

}  // namespace

// Written straight into the wire format instead of through a TxResultRecord: a block stores one
// per tx, and building the message first copies every event string once more. The bytes are the
// ones protobuf's serializer gives (fields in number order, proto3 defaults omitted); a unit test
// compares the two.
namespace {

void putVarint(Bytes& out, uint64_t v) {
    while (v >= 0x80) {
        out.push_back(static_cast<uint8_t>(v | 0x80));
        v >>= 7;
    }
    out.push_back(static_cast<uint8_t>(v));
}

size_t varintSize(uint64_t v) {
    size_t n = 1;
    while (v >= 0x80) {
        v >>= 7;
        ++n;
    }
    return n;
}

// A length-delimited field's size on the wire (tag of one byte: field numbers below 16).
size_t fieldSize(size_t length) {
    return 1 + varintSize(length) + length;
}

void putString(Bytes& out, uint8_t tag, std::string_view s) {
    if (s.empty()) return;
    out.push_back(tag);
    putVarint(out, s.size());
    out.insert(out.end(), s.begin(), s.end());
}

size_t stringSize(std::string_view s) {
    return s.empty() ? 0 : fieldSize(s.size());
}

size_t attributeSize(const EventAttribute& a) {
    return stringSize(a.key) + stringSize(a.value);
}

size_t eventSize(const Event& e) {
    size_t n = stringSize(e.type);
    for (const auto& a : e.attributes) n += fieldSize(attributeSize(a));
    return n;
}

}  // namespace

Bytes encodeTxResult(const TxResult& result) {
    Bytes out;
    encodeTxResult(result, out);
    return out;
}

void encodeTxResult(const TxResult& result, Bytes& out) {
    // TxResultRecord: code = 1, codespace = 2, log = 3, gas_wanted = 4, gas_used = 5, events = 6;
    // Event: type = 1, attributes = 2; EventAttribute: key = 1, value = 2.
    size_t total = stringSize(result.codespace) + stringSize(result.log) + 3 * 11;
    for (const Event& e : result.events) total += fieldSize(eventSize(e));
    out.reserve(out.size() + total);
    if (result.code != 0) {
        out.push_back(0x08);
        putVarint(out, result.code);
    }
    putString(out, 0x12, result.codespace);
    putString(out, 0x1a, result.log);
    if (result.gasWanted != 0) {
        out.push_back(0x20);
        putVarint(out, result.gasWanted);
    }
    if (result.gasUsed != 0) {
        out.push_back(0x28);
        putVarint(out, result.gasUsed);
    }
    for (const Event& e : result.events) {
        out.push_back(0x32);
        putVarint(out, eventSize(e));
        putString(out, 0x0a, e.type);
        for (const auto& a : e.attributes) {
            out.push_back(0x12);
            putVarint(out, attributeSize(a));
            putString(out, 0x0a, a.key);
            putString(out, 0x12, a.value);
        }
    }
}

Result<TxResult> decodeTxResult(ByteSpan bytes) {
    allora::chain::v1::TxResultRecord rec;
    if (!rec.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
        return makeError(ErrorCode::Corrupt, "stored tx result does not decode");
    TxResult r;
    r.code = rec.code();
    r.codespace = rec.codespace();
    r.log = rec.log();
    r.gasWanted = rec.gas_wanted();
    r.gasUsed = rec.gas_used();
    for (const auto& pe : rec.events()) {
        Event e{pe.type(), {}};
        for (const auto& pa : pe.attributes()) e.attributes.push_back({pa.key(), pa.value()});
        r.events.push_back(std::move(e));
    }
    return r;
}

std::vector<std::string_view> txAddresses(const TxResult& result) {
    std::vector<std::string_view> out;
    for (const Event& e : result.events) {
        for (const EventAttribute& a : e.attributes) {
            if (a.value.empty() ||
                (a.key != "sender" && a.key != "recipient" && a.key != "fee_payer"))
                continue;
            // A tx names a handful of addresses: a linear scan beats a set.
            if (std::find(out.begin(), out.end(), std::string_view(a.value)) == out.end())
                out.emplace_back(a.value);
        }
    }
    return out;
}

Result<std::unique_ptr<BlockStore>> BlockStore::open(Database& db) {
    // A home from before the address index: the table is created below and filled from the
    // txs already stored.
    bool hadAddressIndex = false;
    {
        auto probe = db.prepare(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'chain_address_txs'");
        if (!probe) return probe.error();
        auto row = probe->step();
        if (!row) return row.error();
        hadAddressIndex = *row;
    }
    auto status = db.exec(
        "CREATE TABLE IF NOT EXISTS chain_blocks ("
        "  height INTEGER PRIMARY KEY, hash BLOB NOT NULL UNIQUE, time_ns INTEGER NOT NULL,"
        "  app_hash BLOB NOT NULL, block BLOB NOT NULL);"
        "CREATE TABLE IF NOT EXISTS chain_txs ("
        "  height INTEGER NOT NULL, idx INTEGER NOT NULL, hash BLOB NOT NULL, tx BLOB NOT NULL,"
        "  result BLOB NOT NULL, PRIMARY KEY (height, idx));"
        "CREATE INDEX IF NOT EXISTS chain_txs_hash ON chain_txs(hash);"
        "CREATE TABLE IF NOT EXISTS chain_address_txs ("
        "  address TEXT NOT NULL, height INTEGER NOT NULL, idx INTEGER NOT NULL,"
        "  PRIMARY KEY (address, height, idx)) WITHOUT ROWID;"
        "CREATE TABLE IF NOT EXISTS chain_address_recent ("
        "  height INTEGER NOT NULL, idx INTEGER NOT NULL, address TEXT NOT NULL,"
        "  PRIMARY KEY (height, idx, address)) WITHOUT ROWID;");
    if (!status) return status.error();
    std::unique_ptr<BlockStore> store(new BlockStore(db));
    // An address's txs newest first, strictly before a cursor, from one of the two address
    // tables (the main index or the recent rows): the same query on both.
    const auto addressHistory = [](std::string_view table) {
        return "SELECT t.height, t.idx, t.hash, t.tx, t.result, b.time_ns FROM " +
               std::string(table) +
               " a JOIN chain_txs t ON t.height = a.height AND t.idx = a.idx"
               " JOIN chain_blocks b ON b.height = a.height"
               " WHERE a.address = ?1 AND (a.height < ?2 OR (a.height = ?2 AND a.idx < ?3))"
               " ORDER BY a.height DESC, a.idx DESC LIMIT ?4";
    };
    const std::string selectByAddress = addressHistory("chain_address_txs");
    const std::string selectRecentByAddress = addressHistory("chain_address_recent");
    struct {
        Statement* stmt;
        const char* sql;
    } statements[] = {
        {&store->insertBlock_,
         "INSERT INTO chain_blocks(height, hash, time_ns, app_hash, block) VALUES "
         "(?1,?2,?3,?4,?5)"},
        {&store->insertAddressTx_,
         "INSERT OR IGNORE INTO chain_address_txs(address, height, idx) VALUES (?1,?2,?3)"},
        {&store->selectByAddress_, selectByAddress.c_str()},
        // The recent rows have no index on the address: the table is walked newest first (its
        // key order, backwards) and filtered, which stays cheap because it is kept small.
        {&store->selectRecentByAddress_, selectRecentByAddress.c_str()},
        {&store->countRecent_, "SELECT count(*) FROM chain_address_recent"},
        {&store->mergeRecent_,
         "INSERT OR IGNORE INTO chain_address_txs(address, height, idx)"
         " SELECT address, height, idx FROM chain_address_recent ORDER BY address, height, idx"},
        {&store->clearRecent_, "DELETE FROM chain_address_recent"},
        {&store->selectByHeight_,
         "SELECT height, hash, time_ns, app_hash, block FROM chain_blocks WHERE height = ?1"},
        {&store->selectByHash_,
         "SELECT height, hash, time_ns, app_hash, block FROM chain_blocks WHERE hash = ?1"},
        {&store->selectTxHashes_, "SELECT hash FROM chain_txs WHERE height = ?1 ORDER BY idx"},
        {&store->selectTx_,
         "SELECT height, idx, tx, result FROM chain_txs WHERE hash = ?1 "
         "ORDER BY height DESC, idx DESC LIMIT 1"},
        {&store->selectLatest_, "SELECT MAX(height) FROM chain_blocks"},
    };
    for (auto& s : statements) {
        auto prepared = db.prepare(s.sql);
        if (!prepared) return prepared.error();
        *s.stmt = std::move(*prepared);
    }
    auto insertTxs = RowBatch<uint64_t, int64_t, ByteSpan, ByteSpan, ByteSpan>::prepare(
        db, "INSERT INTO chain_txs(height, idx, hash, tx, result) VALUES ", "");
    if (!insertTxs) return insertTxs.error();
    store->insertTxs_ = std::move(*insertTxs);
    auto insertRecent = RowBatch<uint64_t, int64_t, std::string_view>::prepare(
        db, "INSERT OR IGNORE INTO chain_address_recent(height, idx, address) VALUES ", "");
    if (!insertRecent) return insertRecent.error();
    store->insertRecentAddresses_ = std::move(*insertRecent);
    if (!hadAddressIndex)
        if (auto s = store->indexPastTxs(); !s) return s.error();
    auto recent = store->countRecent_.step();
    if (!recent) return recent.error();
    store->recentAddressRows_ =
        *recent ? static_cast<size_t>(store->countRecent_.columnInt64(0)) : 0;
    store->countRecent_.reset();
    return store;
}

void BlockStore::setRecentAddressRowsLimit(size_t rows) {
    recentAddressRowsLimit_ = rows;
}

Status BlockStore::mergeRecentAddresses() {
    if (auto s = mergeRecent_.run(); !s) return s;
    if (auto s = clearRecent_.run(); !s) return s;
    recentAddressRows_ = 0;
    return {};
}

Status BlockStore::indexAddresses(uint64_t height, int64_t index, const TxResult& result) {
    for (std::string_view address : txAddresses(result)) {
        if (auto s = insertAddressTx_.bindAll(address, height, index); !s) {
            insertAddressTx_.reset();
            return s;
        }
        if (auto s = insertAddressTx_.run(); !s) return s;
    }
    return {};
}

Status BlockStore::indexPastTxs() {
    auto scan = db_->prepare("SELECT height, idx, result FROM chain_txs");
    if (!scan) return scan.error();
    std::optional<Transaction> txn;
    if (!db_->inTransaction()) {
        auto t = Transaction::begin(*db_);
        if (!t) return t.error();
        txn.emplace(std::move(*t));
    }
    // Every tx goes into the main index now: recent rows left from before would be doubles.
    if (auto s = clearRecent_.run(); !s) return s;
    while (true) {
        auto row = scan->step();
        if (!row) return row.error();
        if (!*row) break;
        auto result = decodeTxResult(scan->columnBlobView(2));
        if (!result) return result.error();
        if (auto s = indexAddresses(static_cast<uint64_t>(scan->columnInt64(0)),
                                    scan->columnInt64(1), *result);
            !s)
            return s;
    }
    scan->reset();
    return txn ? txn->commit() : Status{};
}

Status BlockStore::putBlock(Transaction& txn, const StoredBlock& block, std::span<const Bytes> txs,
                            std::span<const TxResult> results) {
    std::vector<Hash256> hashes;
    hashes.reserve(txs.size());
    for (const Bytes& tx : txs) hashes.push_back(sha256(tx));
    return putBlock(txn, block, txs, results, hashes);
}

Status BlockStore::putBlock(Transaction& txn, const StoredBlock& block, std::span<const Bytes> txs,
                            std::span<const TxResult> results, std::span<const Hash256> txHashes) {
    (void)txn;  // the statements run on the same connection, inside the caller's transaction
    if (txs.size() != results.size() || txs.size() != txHashes.size())
        return makeError(ErrorCode::Internal,
                         "block store: txs, results and hashes differ in number");
    if (auto s = insertBlock_.bindAll(block.height, ByteSpan(block.hash), block.timeUnixNanos,
                                      ByteSpan(block.appHash), ByteSpan(block.bytes));
        !s) {
        insertBlock_.reset();
        return s;
    }
    if (auto s = insertBlock_.run(); !s) return s;
    // The block's address rows go to chain_address_recent, keyed by (height, idx, address): each
    // block appends after the one before, so only the table's last pages are written. In the
    // main index, keyed by address, one block's rows would each land on the page of its address,
    // a page per address touched, which is what a block's commit cost most once the chain has
    // some history (bench_chain 20 1000: commit 20 -> 12 µs/tx without them at 60 blocks). The
    // recent rows move to the main index in one sorted pass once there are
    // recentAddressRowsLimit_ of them, so each address's page is written once per merge instead
    // of once per block. Same transaction as the block: a crash loses or keeps both.
    // Rows go several to a statement (core/row_batch.h): the encoded results stay alive until
    // finish(), and the address views point into `results`.
    std::vector<std::pair<int64_t, std::string_view>> addressRows;
    addressRows.reserve(2 * txs.size());
    std::vector<Bytes> encoded(txs.size());
    insertTxs_.discard();
    insertRecentAddresses_.discard();
    for (size_t i = 0; i < txs.size(); ++i) {
        encodeTxResult(results[i], encoded[i]);
        if (auto s = insertTxs_.add(block.height, static_cast<int64_t>(i), ByteSpan(txHashes[i]),
                                    ByteSpan(txs[i]), ByteSpan(encoded[i]));
            !s)
            return s;
        for (std::string_view address : txAddresses(results[i]))
            addressRows.emplace_back(static_cast<int64_t>(i), address);
    }
    if (auto s = insertTxs_.finish(); !s) return s;
    std::sort(addressRows.begin(), addressRows.end());
    // A tx naming one address twice gives one row (the table's key), as INSERT OR IGNORE did
    // row by row: one multi-row statement must not hold the same key twice either way.
    addressRows.erase(std::unique(addressRows.begin(), addressRows.end()), addressRows.end());
    for (const auto& [index, address] : addressRows) {
        if (auto s = insertRecentAddresses_.add(block.height, index, address); !s) return s;
    }
    if (auto s = insertRecentAddresses_.finish(); !s) return s;
    recentAddressRows_ += addressRows.size();
    if (recentAddressRows_ >= recentAddressRowsLimit_) return mergeRecentAddresses();
    return {};
}

Result<uint64_t> BlockStore::latestHeight() const {
    auto row = selectLatest_.step();
    uint64_t h = 0;
    if (row && *row && !selectLatest_.isNull(0))
        h = static_cast<uint64_t>(selectLatest_.columnInt64(0));
    selectLatest_.reset();
    if (!row) return row.error();
    return h;
}

Result<std::optional<StoredBlock>> BlockStore::readBlock(Statement& stmt) const {
    auto row = stmt.step();
    if (!row) {
        stmt.reset();
        return row.error();
    }
    if (!*row) {
        stmt.reset();
        return std::optional<StoredBlock>{};
    }
    StoredBlock b;
    b.height = static_cast<uint64_t>(stmt.columnInt64(0));
    b.hash = toHash(stmt.columnBlobView(1));
    b.timeUnixNanos = stmt.columnInt64(2);
    b.appHash = toHash(stmt.columnBlobView(3));
    b.bytes = stmt.columnBlob(4);
    stmt.reset();
    if (auto s = selectTxHashes_.bind(1, b.height); !s) return s.error();
    while (true) {
        auto next = selectTxHashes_.step();
        if (!next) {
            selectTxHashes_.reset();
            return next.error();
        }
        if (!*next) break;
        b.txHashes.push_back(toHash(selectTxHashes_.columnBlobView(0)));
    }
    selectTxHashes_.reset();
    return std::optional<StoredBlock>(std::move(b));
}

Result<std::optional<StoredBlock>> BlockStore::blockByHeight(uint64_t height) const {
    if (auto s = selectByHeight_.bind(1, height); !s) return s.error();
    return readBlock(selectByHeight_);
}

Result<std::optional<StoredBlock>> BlockStore::blockByHash(const Hash256& hash) const {
    if (auto s = selectByHash_.bind(1, ByteSpan(hash)); !s) return s.error();
    return readBlock(selectByHash_);
}

Result<std::optional<StoredTx>> BlockStore::txByHash(const Hash256& hash) const {
    if (auto s = selectTx_.bind(1, ByteSpan(hash)); !s) return s.error();
    auto row = selectTx_.step();
    if (!row || !*row) {
        selectTx_.reset();
        if (!row) return row.error();
        return std::optional<StoredTx>{};
    }
    StoredTx t;
    t.hash = hash;
    t.height = static_cast<uint64_t>(selectTx_.columnInt64(0));
    t.index = static_cast<uint32_t>(selectTx_.columnInt64(1));
    t.tx = selectTx_.columnBlob(2);
    auto result = decodeTxResult(selectTx_.columnBlobView(3));
    selectTx_.reset();
    if (!result) return result.error();
    t.result = std::move(*result);
    return std::optional<StoredTx>(std::move(t));
}

}  // namespace allora::node

namespace allora::node {

Result<std::vector<AddressTx>> BlockStore::txsByAddress(std::string_view address, TxCursor before,
                                                        uint32_t limit) const {
    // The recent rows are all newer than the main index's (a merge moves all of them), so the
    // newest first are the recent ones, then the main index's.
    std::vector<AddressTx> out;
    for (Statement* stmt : {&selectRecentByAddress_, &selectByAddress_}) {
        if (out.size() >= limit) break;
        if (auto s = readAddressTxs(*stmt, address, before,
                                    limit - static_cast<uint32_t>(out.size()), out);
            !s)
            return s.error();
    }
    return out;
}

Status BlockStore::readAddressTxs(Statement& stmt, std::string_view address, TxCursor before,
                                  uint32_t limit, std::vector<AddressTx>& out) const {
    // SQLite integers are signed: a cursor past every height is clamped to the largest one.
    const uint64_t height = std::min<uint64_t>(before.height, INT64_MAX);
    if (auto s = stmt.bindAll(address, height, static_cast<int64_t>(before.index),
                              static_cast<int64_t>(limit));
        !s) {
        stmt.reset();
        return s;
    }
    while (true) {
        auto row = stmt.step();
        if (!row) {
            stmt.reset();
            return row.error();
        }
        if (!*row) break;
        AddressTx t;
        t.tx.height = static_cast<uint64_t>(stmt.columnInt64(0));
        t.tx.index = static_cast<uint32_t>(stmt.columnInt64(1));
        t.tx.hash = toHash(stmt.columnBlobView(2));
        t.tx.tx = stmt.columnBlob(3);
        auto result = decodeTxResult(stmt.columnBlobView(4));
        if (!result) {
            stmt.reset();
            return result.error();
        }
        t.tx.result = std::move(*result);
        t.blockTimeUnixNanos = stmt.columnInt64(5);
        out.push_back(std::move(t));
    }
    stmt.reset();
    return {};
}

}  // namespace allora::node
