// Unit tests for the SQLite wrapper (core/sqlite.h) against real database files in a temporary
// directory: open-time settings, binding and reading every type, error reporting, and the
// Transaction / Savepoint guards including what survives a close and reopen.
#include <QtTest/QtTest>

#include <cstdint>
#include <limits>
#include <string>

#include "core/sqlite.h"

using allora::Bytes;
using allora::ByteSpan;
using allora::Database;
using allora::ErrorCode;
using allora::Savepoint;
using allora::Statement;
using allora::Transaction;

namespace {

// Runs a query returning one integer.
int64_t queryInt(Database& db, const char* sql) {
    auto stmt = db.prepare(sql);
    if (!stmt) qFatal("prepare failed: %s", stmt.message().c_str());
    auto row = stmt->step();
    if (!row || !*row) qFatal("no row for %s", sql);
    return stmt->columnInt64(0);
}

std::string queryText(Database& db, const char* sql) {
    auto stmt = db.prepare(sql);
    if (!stmt) qFatal("prepare failed: %s", stmt.message().c_str());
    auto row = stmt->step();
    if (!row || !*row) qFatal("no row for %s", sql);
    return stmt->columnText(0);
}

}  // namespace

class TestSqlite : public QObject {
    Q_OBJECT

private:
    QTemporaryDir dir_;
    std::string path(const char* name) const { return dir_.filePath(name).toStdString(); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void openAppliesSettings() {
        auto db = Database::open(path("settings.db"));
        QVERIFY2(db.ok(), db.ok() ? "" : db.message().c_str());
        QVERIFY(QFile::exists(dir_.filePath("settings.db")));
        QCOMPARE(queryText(*db, "PRAGMA journal_mode"), std::string("wal"));
        QCOMPARE(queryInt(*db, "PRAGMA synchronous"), int64_t{2});  // FULL
        QCOMPARE(queryInt(*db, "PRAGMA foreign_keys"), int64_t{1});
        QVERIFY(queryInt(*db, "PRAGMA busy_timeout") > 0);
        QVERIFY(!db->inTransaction());

        QCOMPARE(queryInt(*db, "PRAGMA cache_size"), int64_t{-64 * 1024});  // KiB

        auto normal = Database::open(path("normal.db"), {allora::SqliteSync::Normal, 100, 4096});
        QVERIFY(normal.ok());
        QCOMPARE(queryInt(*normal, "PRAGMA cache_size"), int64_t{-4096});
        QCOMPARE(queryInt(*normal, "PRAGMA synchronous"), int64_t{1});
        QCOMPARE(queryInt(*normal, "PRAGMA busy_timeout"), int64_t{100});

        auto memory = Database::open(":memory:");
        QVERIFY(memory.ok());
    }

    void openFailures() {
        // A file that is not a database is reported at open, as Corrupt.
        {
            QFile garbage(dir_.filePath("garbage.db"));
            QVERIFY(garbage.open(QIODevice::WriteOnly));
            garbage.write(QByteArray(4096, 'x'));
        }
        auto bad = Database::open(path("garbage.db"));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.code(), ErrorCode::Corrupt);
        QVERIFY2(bad.message().find("not a database") != std::string::npos, bad.message().c_str());

        // A directory that does not exist cannot hold a new file.
        auto missing = Database::open(path("no/such/dir/x.db"));
        QVERIFY(!missing.ok());
        QCOMPARE(missing.code(), ErrorCode::Io);
    }

    void bindAndReadEveryType() {
        auto db = Database::open(path("types.db"));
        QVERIFY(db.ok());
        QVERIFY(db->exec("CREATE TABLE t (i INTEGER, d REAL, s TEXT, b BLOB, n BLOB)").ok());
        auto insert = db->prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)");
        QVERIFY(insert.ok());

        const Bytes blob{0x00, 0xff, 0x10};
        QVERIFY(insert->bind(1, int64_t{-42}).ok());
        QVERIFY(insert->bind(2, 2.5).ok());
        QVERIFY(insert->bind(3, std::string_view("hello")).ok());
        QVERIFY(insert->bind(4, ByteSpan(blob)).ok());
        QVERIFY(insert->bind(5, nullptr).ok());
        QVERIFY(insert->run().ok());
        QCOMPARE(db->changes(), int64_t{1});
        QCOMPARE(db->lastInsertRowId(), int64_t{1});

        // Empty text and empty blob stay empty values, not NULL (an empty std::vector has a null
        // data pointer, which SQLite would otherwise read as NULL).
        QVERIFY(insert
                    ->bindAll(uint64_t{std::numeric_limits<int64_t>::max()}, 0.0,
                              std::string_view(), ByteSpan(Bytes{}), nullptr)
                    .ok());
        QVERIFY(insert->run().ok());

        auto select = db->prepare("SELECT i, d, s, b, n FROM t ORDER BY rowid");
        QVERIFY(select.ok());
        QCOMPARE(select->columnCount(), 5);
        auto row = select->step();
        QVERIFY(row.ok() && *row);
        QCOMPARE(select->columnType(0), Statement::ColumnType::Integer);
        QCOMPARE(select->columnInt64(0), int64_t{-42});
        QCOMPARE(select->columnType(1), Statement::ColumnType::Float);
        QCOMPARE(select->columnDouble(1), 2.5);
        QCOMPARE(select->columnText(2), std::string("hello"));
        QCOMPARE(select->columnType(3), Statement::ColumnType::Blob);
        QVERIFY(select->columnBlob(3) == blob);
        QVERIFY(select->isNull(4));

        row = select->step();
        QVERIFY(row.ok() && *row);
        QCOMPARE(select->columnInt64(0), std::numeric_limits<int64_t>::max());
        QCOMPARE(select->columnType(2), Statement::ColumnType::Text);
        QCOMPARE(select->columnText(2), std::string());
        QCOMPARE(select->columnType(3), Statement::ColumnType::Blob);
        QVERIFY(select->columnBlob(3).empty());
        QVERIFY(select->columnBlobView(3).empty());

        row = select->step();
        QVERIFY(row.ok() && !*row);
        select->reset();
        row = select->step();  // after reset the query runs again from the start
        QVERIFY(row.ok() && *row);
        select->reset();
    }

    void bindRejectsBadInput() {
        auto db = Database::open(":memory:");
        QVERIFY(db.ok());
        auto stmt = db->prepare("SELECT ?1");
        QVERIFY(stmt.ok());
        // An unsigned value SQLite cannot hold is refused, not wrapped to a negative number.
        auto big = stmt->bind(1, std::numeric_limits<uint64_t>::max());
        QVERIFY(!big.ok());
        QCOMPARE(big.code(), ErrorCode::Overflow);
        // Index out of range is SQLite's error, with its message.
        auto range = stmt->bind(2, 1);
        QVERIFY(!range.ok());
        QVERIFY2(range.message().find("column index out of range") != std::string::npos,
                 range.message().c_str());
    }

    void errorsCarrySqliteMessages() {
        auto db = Database::open(path("errors.db"));
        QVERIFY(db.ok());
        auto syntax = db->prepare("SELEKT 1");
        QVERIFY(!syntax.ok());
        QVERIFY2(syntax.message().find("syntax error") != std::string::npos,
                 syntax.message().c_str());

        QVERIFY(!db->prepare("SELECT 1; SELECT 2").ok());  // the second would be ignored
        QVERIFY(!db->exec("INSERT INTO nowhere VALUES (1)").ok());

        QVERIFY(db->exec("CREATE TABLE u (k INTEGER PRIMARY KEY, v TEXT NOT NULL)").ok());
        QVERIFY(db->exec("INSERT INTO u VALUES (1, 'a')").ok());
        auto dup = db->prepare("INSERT INTO u VALUES (1, 'b')");
        QVERIFY(dup.ok());
        auto status = dup->run();
        QVERIFY(!status.ok());
        QCOMPARE(status.code(), ErrorCode::AlreadyExists);
        QVERIFY2(status.message().find("UNIQUE") != std::string::npos, status.message().c_str());

        auto notNull = db->exec("INSERT INTO u VALUES (2, NULL)");
        QVERIFY(!notNull.ok());
        QCOMPARE(notNull.code(), ErrorCode::InvalidArgument);

        // Foreign keys are enforced (they are off by default in SQLite).
        QVERIFY(db->exec("CREATE TABLE child (id INTEGER, parent INTEGER REFERENCES u(k))").ok());
        QVERIFY(!db->exec("INSERT INTO child VALUES (1, 99)").ok());
        QVERIFY(db->exec("INSERT INTO child VALUES (1, 1)").ok());
    }

    void transactionCommitsAndRollsBack() {
        const std::string file = path("txn.db");
        {
            auto db = Database::open(file);
            QVERIFY(db.ok());
            QVERIFY(db->exec("CREATE TABLE t (v INTEGER)").ok());

            {
                auto txn = Transaction::begin(*db);
                QVERIFY(txn.ok());
                QVERIFY(db->inTransaction());
                QCOMPARE(&txn->database(), &*db);
                QVERIFY(db->exec("INSERT INTO t VALUES (1)").ok());
                QVERIFY(txn->commit().ok());
                QVERIFY(!txn->active());
            }
            {
                auto txn = Transaction::begin(*db);
                QVERIFY(txn.ok());
                QVERIFY(db->exec("INSERT INTO t VALUES (2)").ok());
                // A second BEGIN inside is SQLite's error, not a silent nesting.
                QVERIFY(!Transaction::begin(*db).ok());
                // Destroyed without commit(): rolled back.
            }
            QVERIFY(!db->inTransaction());
            QCOMPARE(queryInt(*db, "SELECT count(*) FROM t"), int64_t{1});
            {
                auto txn = Transaction::begin(*db, Transaction::Mode::Deferred);
                QVERIFY(txn.ok());
                QVERIFY(db->exec("INSERT INTO t VALUES (3)").ok());
                QVERIFY(txn->rollback().ok());
            }
            QCOMPARE(queryInt(*db, "SELECT count(*) FROM t"), int64_t{1});
        }
        auto reopened = Database::open(file);
        QVERIFY(reopened.ok());
        QCOMPARE(queryInt(*reopened, "SELECT sum(v) FROM t"), int64_t{1});
    }

    void savepointNestsInTransaction() {
        auto db = Database::open(path("savepoint.db"));
        QVERIFY(db.ok());
        QVERIFY(db->exec("CREATE TABLE t (v INTEGER)").ok());
        QVERIFY(!Savepoint::begin(*db, "bad name; DROP TABLE t").ok());

        auto txn = Transaction::begin(*db);
        QVERIFY(txn.ok());
        QVERIFY(db->exec("INSERT INTO t VALUES (1)").ok());
        {
            auto sp = Savepoint::begin(*db, "inner");
            QVERIFY(sp.ok());
            QVERIFY(db->exec("INSERT INTO t VALUES (10)").ok());
            // Dropped: only the savepoint's row goes, the transaction stays open.
        }
        QVERIFY(db->inTransaction());
        {
            auto sp = Savepoint::begin(*db, "inner");
            QVERIFY(sp.ok());
            QVERIFY(db->exec("INSERT INTO t VALUES (100)").ok());
            QVERIFY(sp->release().ok());
        }
        QVERIFY(txn->commit().ok());
        QCOMPARE(queryInt(*db, "SELECT sum(v) FROM t"), int64_t{101});

        // Outside a transaction a savepoint is one: released = committed.
        {
            auto sp = Savepoint::begin(*db, "outer");
            QVERIFY(sp.ok());
            QVERIFY(db->inTransaction());
            QVERIFY(db->exec("INSERT INTO t VALUES (1000)").ok());
            QVERIFY(sp->release().ok());
        }
        QVERIFY(!db->inTransaction());
        QCOMPARE(queryInt(*db, "SELECT sum(v) FROM t"), int64_t{1101});
    }

    void movedHandlesStayValid() {
        auto opened = Database::open(path("moved.db"));
        QVERIFY(opened.ok());
        Database db = std::move(*opened);
        QVERIFY(db.isOpen());
        QVERIFY(!opened->isOpen());
        auto stmt = db.prepare("SELECT 7");
        QVERIFY(stmt.ok());
        Statement moved = std::move(*stmt);
        QVERIFY(moved.valid());
        QVERIFY(!stmt->valid());
        auto row = moved.step();
        QVERIFY(row.ok() && *row);
        QCOMPARE(moved.columnInt64(0), int64_t{7});
        moved.reset();
    }
};

QTEST_APPLESS_MAIN(TestSqlite)
#include "test_sqlite.moc"
