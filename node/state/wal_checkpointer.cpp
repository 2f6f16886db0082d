#include "node/state/wal_checkpointer.h"

namespace allora::node {

namespace {

// SQLite's default automatic checkpoint threshold (SQLITE_DEFAULT_WAL_AUTOCHECKPOINT).
constexpr int kSqliteDefaultPages = 1000;

}  // namespace

std::unique_ptr<WalCheckpointer> WalCheckpointer::start(Database& db) {
    const std::string& path = db.path();
    if (path.empty() || path == ":memory:" || path.starts_with("file::memory:")) return nullptr;
    auto own = Database::open(path);
    if (!own) return nullptr;
    if (auto s = db.exec("PRAGMA wal_autocheckpoint=" + std::to_string(kSafetyBoundPages)); !s)
        return nullptr;
    return std::unique_ptr<WalCheckpointer>(new WalCheckpointer(db, std::move(*own)));
}

WalCheckpointer::WalCheckpointer(Database& apply, Database own)
    : apply_(&apply), own_(std::move(own)) {
    thread_ = std::thread([this] { run(); });
}

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
    (void)apply_->exec("PRAGMA wal_autocheckpoint=" + std::to_string(kSqliteDefaultPages));
}

void WalCheckpointer::notify() {
    {
        std::lock_guard lock(mutex_);
        pending_ = true;
    }
    wake_.notify_one();
}

uint64_t WalCheckpointer::completed() const {
    std::lock_guard lock(mutex_);
    return completed_;
}

void WalCheckpointer::run() {
    for (;;) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return pending_ || stopping_; });
            if (stopping_) return;
            pending_ = false;
        }
        // PASSIVE: copies what it can without waiting for, or blocking, any other connection.
        // A failure (the disk, or a lock held past the busy timeout) is left for the next
        // notification, or for the apply connection past the safety bound: the log stays the
        // record of every commit until it is copied, so nothing is lost meanwhile.
        (void)own_.exec("PRAGMA wal_checkpoint(PASSIVE)");
        std::lock_guard lock(mutex_);
        ++completed_;
    }
}

}  // namespace allora::node
