#include "core/sqlite.h"

#include <sqlite3.h>

#include <cassert>
#include <utility>

namespace allora {

namespace {

// Coarse classification of SQLite's primary result codes: what a caller might act on.
ErrorCode errorCodeFor(int rc) {
    switch (rc & 0xff) {
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
        case SQLITE_FORMAT:
            return ErrorCode::Corrupt;
        case SQLITE_CANTOPEN:
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
        case SQLITE_READONLY:
        case SQLITE_PERM:
        case SQLITE_PROTOCOL:
        case SQLITE_NOLFS:
            return ErrorCode::Io;
        case SQLITE_CONSTRAINT:
            return (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE)
                       ? ErrorCode::AlreadyExists
                       : ErrorCode::InvalidArgument;
        case SQLITE_TOOBIG:
        case SQLITE_RANGE:
        case SQLITE_MISMATCH:
            return ErrorCode::InvalidArgument;
        default:
            return ErrorCode::Internal;
    }
}

Error makeSqliteError(sqlite3* db, int rc, std::string_view context) {
    // sqlite3_errmsg describes the most recent failure on the connection, which is the one we are
    // reporting (every call below checks its result immediately). Without a connection there is
    // only the generic text for the code.
    std::string message(context);
    message += ": ";
    message += db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    message += " (SQLite code " + std::to_string(rc) + ")";
    return makeError(errorCodeFor(rc), std::move(message));
}

bool isIdentifier(std::string_view name) {
    if (name.empty()) return false;
    for (size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        const bool digit = c >= '0' && c <= '9';
        if (!alpha && !(digit && i > 0)) return false;
    }
    return true;
}

}  // namespace

// ---- Statement ----------------------------------------------------------------------------------

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(stmt_);
        stmt_ = std::exchange(other.stmt_, nullptr);
    }
    return *this;
}

Status Statement::check(int rc, int index) const {
    if (rc == SQLITE_OK) return {};
    return makeSqliteError(sqlite3_db_handle(stmt_), rc,
                           "binding parameter " + std::to_string(index) + " of \"" + sql() + "\"");
}

Status Statement::bindInt64(int index, int64_t value) {
    assert(stmt_);
    return check(sqlite3_bind_int64(stmt_, index, value), index);
}

Status Statement::bind(int index, double value) {
    assert(stmt_);
    return check(sqlite3_bind_double(stmt_, index, value), index);
}

Status Statement::bind(int index, std::string_view text) {
    assert(stmt_);
    // A null data pointer would bind NULL; an empty string must stay an empty TEXT.
    static const char kEmpty[1] = {0};
    const char* data = text.data() ? text.data() : kEmpty;
    return check(
        sqlite3_bind_text64(stmt_, index, data, text.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
}

Status Statement::bind(int index, ByteSpan blob) {
    assert(stmt_);
    // Same trap as text: sqlite3_bind_blob(nullptr, 0) binds NULL, not a zero-length blob, and an
    // empty std::vector has a null data(). Empty values are legitimate state, so point elsewhere.
    static const uint8_t kEmpty[1] = {0};
    const uint8_t* data = blob.data() ? blob.data() : kEmpty;
    return check(sqlite3_bind_blob64(stmt_, index, data, blob.size(), SQLITE_TRANSIENT), index);
}

Status Statement::bind(int index, std::nullptr_t) {
    assert(stmt_);
    return check(sqlite3_bind_null(stmt_, index), index);
}

Result<bool> Statement::step() {
    assert(stmt_);
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return makeSqliteError(sqlite3_db_handle(stmt_), rc, "running \"" + sql() + "\"");
}

Status Statement::run() {
    for (;;) {
        auto row = step();
        if (!row) {
            reset();
            return row.error();
        }
        if (!*row) break;
    }
    reset();
    return {};
}

void Statement::reset() {
    assert(stmt_);
    // sqlite3_reset repeats the last step's error code; that error was already reported by step().
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

int Statement::columnCount() const {
    return sqlite3_column_count(stmt_);
}

Statement::ColumnType Statement::columnType(int column) const {
    switch (sqlite3_column_type(stmt_, column)) {
        case SQLITE_INTEGER:
            return ColumnType::Integer;
        case SQLITE_FLOAT:
            return ColumnType::Float;
        case SQLITE_TEXT:
            return ColumnType::Text;
        case SQLITE_BLOB:
            return ColumnType::Blob;
        default:
            return ColumnType::Null;
    }
}

int64_t Statement::columnInt64(int column) const {
    return sqlite3_column_int64(stmt_, column);
}

double Statement::columnDouble(int column) const {
    return sqlite3_column_double(stmt_, column);
}

std::string Statement::columnText(int column) const {
    // Call text before bytes, as the SQLite documentation prescribes, so the size matches the
    // pointer after any type conversion.
    const unsigned char* text = sqlite3_column_text(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    if (!text || size <= 0) return {};
    return std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(size));
}

ByteSpan Statement::columnBlobView(int column) const {
    const void* blob = sqlite3_column_blob(stmt_, column);
    const int size = sqlite3_column_bytes(stmt_, column);
    if (!blob || size <= 0) return {};
    return {static_cast<const uint8_t*>(blob), static_cast<size_t>(size)};
}

Bytes Statement::columnBlob(int column) const {
    const ByteSpan view = columnBlobView(column);
    return Bytes(view.begin(), view.end());
}

std::string Statement::sql() const {
    const char* text = stmt_ ? sqlite3_sql(stmt_) : nullptr;
    return text ? std::string(text) : std::string();
}

// ---- Database -----------------------------------------------------------------------------------

Result<Database> Database::open(const std::string& path, const DatabaseOptions& options) {
    // Multi-thread mode needs a library built thread-safe; Debian's is (SQLITE_THREADSAFE=1).
    if (sqlite3_threadsafe() == 0) {
        return makeError(ErrorCode::Unsupported, "SQLite was built without thread support");
    }
    sqlite3* raw = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    // Take ownership first: sqlite3_open_v2 may allocate a handle even when it fails.
    Database db(raw, path);
    if (rc != SQLITE_OK) {
        return makeSqliteError(raw, rc, "opening database " + path);
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, options.busyTimeoutMs);

    // journal_mode answers with the mode actually in effect; WAL can be refused (e.g. on a file
    // system without shared memory), and running silently in another mode would change the
    // crash-safety and reader/writer behaviour the rest of the node relies on.
    {
        auto stmt = db.prepare("PRAGMA journal_mode=WAL");
        if (!stmt) return stmt.error();
        auto row = stmt->step();
        if (!row) return row.error();
        const std::string mode = *row ? stmt->columnText(0) : std::string();
        stmt->reset();
        const bool memory = path == ":memory:" || path.empty();
        if (mode != "wal" && !(memory && mode == "memory")) {
            return makeError(
                ErrorCode::Unsupported,
                "opening database " + path + ": WAL journal mode refused (got \"" + mode + "\")");
        }
    }
    const char* sync = "FULL";
    switch (options.synchronous) {
        case SqliteSync::Off:
            sync = "OFF";
            break;
        case SqliteSync::Normal:
            sync = "NORMAL";
            break;
        case SqliteSync::Full:
            sync = "FULL";
            break;
        case SqliteSync::Extra:
            sync = "EXTRA";
            break;
    }
    // A negative cache_size is in KiB (a positive one would count pages).
    const std::string pragmas =
        std::string("PRAGMA synchronous=") + sync +
        "; PRAGMA foreign_keys=ON; PRAGMA cache_size=-" +
        std::to_string(options.cacheSizeKiB > 0 ? options.cacheSizeKiB : 1) + ";";
    if (auto s = db.exec(pragmas); !s) {
        return s.error();
    }
    // Reading the file header here turns "not a database" into an error at open, not at the first
    // query deep inside the node.
    if (auto s = db.exec("SELECT count(*) FROM sqlite_schema"); !s) return s.error();
    return db;
}

Database::~Database() {
    close();
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      path_(std::move(other.path_)),
      control_(std::exchange(other.control_, {})) {}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        close();
        db_ = std::exchange(other.db_, nullptr);
        path_ = std::move(other.path_);
        control_ = std::exchange(other.control_, {});
    }
    return *this;
}

void Database::finalizeControl() {
    for (sqlite3_stmt*& stmt : control_) {
        sqlite3_finalize(stmt);  // a no-op on nullptr
        stmt = nullptr;
    }
}

Status Database::execControl(Control which) {
    assert(db_);
    static constexpr const char* kSql[] = {"BEGIN DEFERRED", "BEGIN IMMEDIATE", "BEGIN EXCLUSIVE",
                                           "COMMIT", "ROLLBACK"};
    const auto index = static_cast<size_t>(which);
    sqlite3_stmt*& stmt = control_[index];
    if (stmt == nullptr) {
        const int rc =
            sqlite3_prepare_v3(db_, kSql[index], -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
        if (rc != SQLITE_OK) {
            stmt = nullptr;
            return makeSqliteError(db_, rc, std::string("preparing \"") + kSql[index] + "\"");
        }
    }
    const int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    if (rc == SQLITE_DONE) return {};
    return makeSqliteError(db_, rc, std::string("executing \"") + kSql[index] + "\"");
}

void Database::close() {
    if (!db_) return;
    finalizeControl();
    // A Statement still alive here is a bug in the caller's lifetimes (a store destroyed after its
    // Database): the assert reports it. sqlite3_close_v2 then still releases the connection as soon
    // as the last statement is finalized instead of leaking it. An open transaction is rolled back.
    assert(sqlite3_next_stmt(db_, nullptr) == nullptr && "Database closed while Statements live");
    sqlite3_close_v2(db_);
    db_ = nullptr;
}

Error Database::lastError(int rc, std::string_view context) const {
    return makeSqliteError(db_, rc, context);
}

Status Database::exec(std::string_view sql) {
    assert(db_);
    const std::string text(sql);  // sqlite3_exec wants a terminated string
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK) return {};
    std::string full = "executing \"" + text + "\": ";
    full += message ? message : sqlite3_errstr(rc);
    full += " (SQLite code " + std::to_string(rc) + ")";
    sqlite3_free(message);
    return makeError(errorCodeFor(rc), std::move(full));
}

Result<Statement> Database::prepare(std::string_view sql) {
    assert(db_);
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    if (sql.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
        return makeError(ErrorCode::InvalidArgument, "SQL statement too long");
    }
    const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, &tail);
    if (rc != SQLITE_OK) {
        return makeSqliteError(db_, rc, "preparing \"" + std::string(sql) + "\"");
    }
    if (!stmt) return makeError(ErrorCode::InvalidArgument, "preparing an empty SQL statement");
    Statement result(stmt);
    // A second statement after the first would be silently ignored: refuse it instead.
    for (const char* p = tail; p && p < sql.data() + sql.size(); ++p) {
        if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r' && *p != ';') {
            return makeError(ErrorCode::InvalidArgument,
                             "preparing \"" + std::string(sql) + "\": more than one statement");
        }
    }
    return result;
}

int64_t Database::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(db_);
}

int64_t Database::changes() const {
    return sqlite3_changes64(db_);
}

bool Database::inTransaction() const {
    return db_ && sqlite3_get_autocommit(db_) == 0;
}

// ---- Transaction --------------------------------------------------------------------------------

Result<Transaction> Transaction::begin(Database& db, Mode mode) {
    Database::Control control = Database::Control::BeginImmediate;
    switch (mode) {
        case Mode::Deferred:
            control = Database::Control::BeginDeferred;
            break;
        case Mode::Immediate:
            control = Database::Control::BeginImmediate;
            break;
        case Mode::Exclusive:
            control = Database::Control::BeginExclusive;
            break;
    }
    if (auto s = db.execControl(control); !s) return s.error();
    return Transaction(&db);
}

Transaction::~Transaction() {
    // Errors cannot be reported from a destructor; if ROLLBACK itself fails, SQLite has already
    // rolled the transaction back (that is why it fails), so the state is the pre-BEGIN one either
    // way.
    if (db_) (void)rollback();
}

Transaction::Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}

Transaction& Transaction::operator=(Transaction&& other) noexcept {
    if (this != &other) {
        if (db_) (void)rollback();
        db_ = std::exchange(other.db_, nullptr);
    }
    return *this;
}

Status Transaction::commit() {
    assert(db_ && "commit() on a finished transaction");
    Status s = db_->execControl(Database::Control::Commit);
    if (!s) {
        // A failed COMMIT (e.g. disk full) may leave the transaction open; roll it back so the
        // connection is usable and the failure is clean.
        if (db_->inTransaction()) (void)db_->execControl(Database::Control::Rollback);
    }
    db_ = nullptr;
    return s;
}

Status Transaction::rollback() {
    assert(db_ && "rollback() on a finished transaction");
    Database* db = std::exchange(db_, nullptr);
    // After some errors (SQLITE_FULL, IOERR, NOMEM) SQLite has already rolled back on its own and
    // a second ROLLBACK would fail with "no transaction is active": that is success for us.
    if (!db->inTransaction()) return {};
    return db->execControl(Database::Control::Rollback);
}

Database& Transaction::database() const {
    assert(db_);
    return *db_;
}

// ---- Savepoint ----------------------------------------------------------------------------------

Result<Savepoint> Savepoint::begin(Database& db, std::string name) {
    if (!isIdentifier(name)) {
        return makeError(ErrorCode::InvalidArgument, "invalid savepoint name \"" + name + "\"");
    }
    if (auto s = db.exec("SAVEPOINT " + name); !s) return s.error();
    return Savepoint(&db, std::move(name));
}

Savepoint::~Savepoint() {
    if (db_) (void)rollback();
}

Savepoint::Savepoint(Savepoint&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), name_(std::move(other.name_)) {}

Savepoint& Savepoint::operator=(Savepoint&& other) noexcept {
    if (this != &other) {
        if (db_) (void)rollback();
        db_ = std::exchange(other.db_, nullptr);
        name_ = std::move(other.name_);
    }
    return *this;
}

Status Savepoint::release() {
    assert(db_ && "release() on a finished savepoint");
    Database* db = std::exchange(db_, nullptr);
    return db->exec("RELEASE " + name_);
}

Status Savepoint::rollback() {
    assert(db_ && "rollback() on a finished savepoint");
    Database* db = std::exchange(db_, nullptr);
    // As with Transaction: if SQLite already aborted the enclosing transaction, the savepoint is
    // gone with it and there is nothing left to undo.
    if (!db->inTransaction()) return {};
    if (auto s = db->exec("ROLLBACK TO " + name_); !s) return s;
    return db->exec("RELEASE " + name_);
}

}  // namespace allora
