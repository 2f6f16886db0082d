// A thin RAII wrapper over the SQLite C API: a connection (Database), prepared statements
// (Statement), and guards that roll back unless told to commit (Transaction, Savepoint).
//
// Every failure comes back as an allora::Result carrying SQLite's own message, so a caller can show
// "database disk image is malformed" instead of a bare error code.
//
// Thread-safety: a Database and everything prepared from it is used by ONE thread at a time. The
// connection is opened with SQLITE_OPEN_NOMUTEX ("multi-thread" mode): SQLite takes no per-call
// locks, which is cheaper, and it is still safe to hand a connection from one thread to another as
// long as the two never use it at the same moment. The node keeps its Database on the strand that
// applies blocks; a reader on another thread opens its own connection (WAL lets readers proceed
// while the writer writes).
//
// Lifetime: a Statement holds only SQLite's statement handle and may outlive nothing but its
// Database; a Transaction or Savepoint, and any object built on a Database& (the state store, the
// block store), keeps a pointer to the Database object, which must therefore stay where it is (keep
// it in a std::unique_ptr or a member that is never moved while they live).
#pragma once

#include <array>
#include <concepts>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.h"
#include "core/result.h"

struct sqlite3;
struct sqlite3_stmt;

namespace allora {

// PRAGMA synchronous. Full (the default here) fsyncs the WAL at every commit, so a committed block
// survives a power cut; Normal keeps the database consistent but may lose the last commits.
enum class SqliteSync { Off, Normal, Full, Extra };

struct DatabaseOptions {
    SqliteSync synchronous = SqliteSync::Full;
    // How long a statement waits for another connection's lock before failing with "database is
    // locked". Only other processes or connections contend: one connection never waits on itself.
    int busyTimeoutMs = 5000;
    // Upper bound of the page cache (PRAGMA cache_size), in KiB. SQLite's default of 2 MiB makes
    // every state update re-read tree pages from the OS; memory is only taken as pages are used,
    // so a small database never grows to this.
    int64_t cacheSizeKiB = 64 * 1024;
};

class Database;

class Statement {
public:
    enum class ColumnType { Integer, Float, Text, Blob, Null };

    Statement() = default;
    ~Statement();
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool valid() const { return stmt_ != nullptr; }

    // Parameters are numbered from 1, as in SQLite (?1, ?2, …).
    // Integers of any width and signedness; an unsigned value above INT64_MAX does not fit SQLite's
    // signed 64-bit integer and is rejected rather than silently stored as a negative number.
    template <std::integral T>
    Status bind(int index, T value) {
        if constexpr (std::is_signed_v<T>) {
            return bindInt64(index, static_cast<int64_t>(value));
        } else {
            if (static_cast<uint64_t>(value) >
                static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
                return makeError(ErrorCode::Overflow,
                                 "SQLite parameter " + std::to_string(index) +
                                     ": unsigned value does not fit a 64-bit signed integer");
            }
            return bindInt64(index, static_cast<int64_t>(value));
        }
    }
    Status bind(int index, double value);
    Status bind(int index, std::string_view text);  // TEXT
    Status bind(int index, ByteSpan blob);          // BLOB; an empty span is a zero-length BLOB
    Status bind(int index, std::nullptr_t);         // NULL

    // Binds every argument in order to ?1, ?2, …; stops at the first failure.
    template <typename... Args>
    Status bindAll(const Args&... args) {
        Status status;
        int index = 0;
        ((status = status.ok() ? bind(++index, args) : status), ...);
        return status;
    }

    // Advances the statement: true when a row is available, false when it has finished.
    Result<bool> step();
    // Steps to completion (for INSERT/UPDATE/DELETE/DDL), discarding any rows, then resets.
    Status run();
    // Makes the statement ready to run again and clears its bindings. A statement left mid-way
    // holds a read snapshot open, so every use should end with reset() (or run()).
    void reset();

    // Columns are numbered from 0, as in SQLite. Valid after step() returned true.
    int columnCount() const;
    ColumnType columnType(int column) const;
    bool isNull(int column) const { return columnType(column) == ColumnType::Null; }
    int64_t columnInt64(int column) const;
    double columnDouble(int column) const;
    std::string columnText(int column) const;
    Bytes columnBlob(int column) const;
    // The blob without a copy: valid until the next step(), reset() or destruction.
    ByteSpan columnBlobView(int column) const;

    // The SQL text, for messages.
    std::string sql() const;

private:
    friend class Database;
    explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
    Status bindInt64(int index, int64_t value);
    Status check(int rc, int index) const;

    sqlite3_stmt* stmt_ = nullptr;
};

class Database {
public:
    // Opens (creating if needed) the database file at `path` in WAL mode with foreign keys on.
    // ":memory:" gives a private in-memory database (its journal cannot be WAL; that is accepted).
    static Result<Database> open(const std::string& path, const DatabaseOptions& options = {});

    Database() = default;
    ~Database();
    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    bool isOpen() const { return db_ != nullptr; }
    const std::string& path() const { return path_; }

    // Runs one or more ';'-separated statements that return no rows of interest.
    Status exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);

    int64_t lastInsertRowId() const;
    // Rows changed by the most recent INSERT/UPDATE/DELETE.
    int64_t changes() const;
    // True inside BEGIN … COMMIT/ROLLBACK or an outermost SAVEPOINT.
    bool inTransaction() const;

    // The raw handle, for SQLite features this wrapper does not cover.
    sqlite3* handle() const { return db_; }

    // The transaction control statements, each prepared once per connection and kept: a node
    // runs one BEGIN and one COMMIT per block, and preparing them anew each time (sqlite3_exec)
    // parses the SQL and allocates a parser whose size class makes glibc consolidate every small
    // chunk the block freed, a few µs per tx at 1k-tx blocks (bench_chain).
    enum class Control { BeginDeferred, BeginImmediate, BeginExclusive, Commit, Rollback, Count };
    Status execControl(Control which);

    // Builds an Error from SQLite's current message on this connection.
    Error lastError(int rc, std::string_view context) const;

    // Closes the connection (also done by the destructor). Statements must be gone first.
    void close();

private:
    explicit Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    void finalizeControl();

    sqlite3* db_ = nullptr;
    std::string path_;
    std::array<sqlite3_stmt*, static_cast<size_t>(Control::Count)> control_{};
};

// BEGIN … COMMIT, rolled back when the guard dies without commit(): an error path or an exception
// can never leave half a block in the database.
class Transaction {
public:
    // Immediate takes the write lock at BEGIN, so two writers fail fast at the start instead of
    // deadlocking when both try to upgrade a read lock.
    enum class Mode { Deferred, Immediate, Exclusive };

    static Result<Transaction> begin(Database& db, Mode mode = Mode::Immediate);

    ~Transaction();
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&& other) noexcept;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Status commit();
    Status rollback();
    bool active() const { return db_ != nullptr; }
    // The connection this transaction runs on (only while active()).
    Database& database() const;

private:
    explicit Transaction(Database* db) : db_(db) {}
    Database* db_ = nullptr;
};

// SAVEPOINT name … RELEASE, rolled back to the savepoint (and released) when the guard dies without
// release(). Nests inside a Transaction or another Savepoint: a failing step can undo its own
// writes without aborting the caller's transaction. Outside any transaction it starts one.
class Savepoint {
public:
    // `name` must be an SQL identifier ([A-Za-z_][A-Za-z0-9_]*).
    static Result<Savepoint> begin(Database& db, std::string name);

    ~Savepoint();
    Savepoint(Savepoint&& other) noexcept;
    Savepoint& operator=(Savepoint&& other) noexcept;
    Savepoint(const Savepoint&) = delete;
    Savepoint& operator=(const Savepoint&) = delete;

    Status release();
    Status rollback();
    bool active() const { return db_ != nullptr; }

private:
    Savepoint(Database* db, std::string name) : db_(db), name_(std::move(name)) {}
    Database* db_ = nullptr;
    std::string name_;
};

}  // namespace allora
