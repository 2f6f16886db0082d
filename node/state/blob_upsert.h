// BlobUpsert: writes (key, value) BLOB rows into a two-column table, several rows to one INSERT.
// A block's commit writes thousands of rows; SQLite spends a good part of each single-row run on
// the statement's own setup (binding, opening the cursor, the VDBE program's prologue), so rows go
// kRowsPerStatement to one multi-row INSERT ... ON CONFLICT DO UPDATE and only the remainder
// one by one. The state store (state_kv) and the state tree (state_smt_branch) share it.
//
// The keys given between two finish() calls must be distinct (one multi-row statement must not
// conflict with itself), and the bytes behind each span must stay valid until the rows holding
// them have run: until the add() that completes their group, or finish().
//
// Used by one thread at a time, inside the caller's transaction or savepoint.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/sqlite.h"

namespace allora::node {

class BlobUpsert {
public:
    static constexpr int kRowsPerStatement = 32;

    // Prepares both statements for `table` (key column `keyColumn`, value column `valueColumn`,
    // the key being the table's primary key). `db` must outlive this object.
    static Result<BlobUpsert> prepare(Database& db, std::string_view table,
                                      std::string_view keyColumn, std::string_view valueColumn);

    BlobUpsert() = default;
    BlobUpsert(BlobUpsert&&) noexcept = default;
    BlobUpsert& operator=(BlobUpsert&&) noexcept = default;

    // Queues a row; runs the group when it is full. On an error the queue is dropped (the caller's
    // savepoint is expected to roll back).
    Status add(ByteSpan key, ByteSpan value);
    // Writes the queued rows one by one.
    Status finish();
    // Drops the queued rows unwritten (after a failure left some behind).
    void discard() { pending_.clear(); }

private:
    Status runGroup();
    Statement single_, group_;
    std::vector<std::pair<ByteSpan, ByteSpan>> pending_;
};

}  // namespace allora::node
