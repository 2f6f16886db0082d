// RowBatch: inserts rows of one shape into a table, several rows to one INSERT statement.
// A block's commit writes thousands of rows (state values, state tree branches, txs, address
// index rows); SQLite spends a good part of each single-row run on the statement itself (binding,
// opening the cursor, the VDBE program's prologue), so rows go kRowsPerStatement to one multi-row
// INSERT and only the remainder, at finish(), one by one.
//
//   auto batch = RowBatch<ByteSpan, ByteSpan>::prepare(db, "INSERT INTO t (k, v) VALUES ",
//                                                      " ON CONFLICT (k) DO UPDATE SET v =
//                                                      excluded.v");
//   batch->add(key, value); ...; batch->finish();
//
// `head` ends with VALUES; the placeholders are added here; `tail` follows them (an ON CONFLICT
// clause, or nothing). The rows between two finish() calls must not conflict with each other
// when the statement has an upsert clause (one statement cannot update a row it inserts), and
// whatever the values point to (spans, string_views) must stay valid until their row has run: the
// add() that completes its group, or finish(). A failed add() or finish() drops the queue; the
// caller's savepoint or transaction is expected to roll back, and discard() clears what an
// abandoned sequence left.
//
// Used by one thread at a time, inside the caller's transaction or savepoint.
#pragma once

#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "core/result.h"
#include "core/sqlite.h"

namespace allora {

template <typename... Columns>
class RowBatch {
public:
    static constexpr int kRowsPerStatement = 32;
    static constexpr int kColumns = static_cast<int>(sizeof...(Columns));

    static Result<RowBatch> prepare(Database& db, std::string_view head, std::string_view tail) {
        RowBatch out;
        auto single = db.prepare(std::string(head) + placeholders(1) + std::string(tail));
        if (!single) return single.error();
        out.single_ = std::move(*single);
        auto group =
            db.prepare(std::string(head) + placeholders(kRowsPerStatement) + std::string(tail));
        if (!group) return group.error();
        out.group_ = std::move(*group);
        out.pending_.reserve(kRowsPerStatement);
        return out;
    }

    RowBatch() = default;
    RowBatch(RowBatch&&) noexcept = default;
    RowBatch& operator=(RowBatch&&) noexcept = default;

    Status add(Columns... values) {
        pending_.emplace_back(std::move(values)...);
        if (pending_.size() < static_cast<size_t>(kRowsPerStatement)) return {};
        Status s;
        int index = 0;
        for (const auto& row : pending_) {
            s = bindRow(group_, index, row);
            if (!s) break;
            index += kColumns;
        }
        pending_.clear();
        if (!s) {
            group_.reset();
            return s;
        }
        return group_.run();
    }

    Status finish() {
        Status s;
        for (const auto& row : pending_) {
            s = bindRow(single_, 0, row);
            if (!s) {
                single_.reset();
                break;
            }
            s = single_.run();
            if (!s) break;
        }
        pending_.clear();
        return s;
    }

    void discard() { pending_.clear(); }

private:
    static std::string placeholders(int rows) {
        std::string out;
        int n = 0;
        for (int r = 0; r < rows; ++r) {
            out += r ? ",(" : "(";
            for (int c = 0; c < kColumns; ++c) {
                if (c) out += ",";
                out += "?" + std::to_string(++n);
            }
            out += ")";
        }
        return out;
    }

    static Status bindRow(Statement& statement, int offset, const std::tuple<Columns...>& row) {
        return std::apply(
            [&](const Columns&... values) {
                Status status;
                int index = offset;
                ((status = status.ok() ? statement.bind(++index, values) : status), ...);
                return status;
            },
            row);
    }

    Statement single_, group_;
    std::vector<std::tuple<Columns...>> pending_;
};

}  // namespace allora
