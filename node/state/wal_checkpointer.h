// WalCheckpointer: copies SQLite's write-ahead log back into the database file on a thread of its
// own, so the thread that applies blocks does not pay for it.
//
// In WAL mode each commit appends the changed pages to the "-wal" file; a checkpoint copies them
// into the main file (and syncs it) so the log can start over. By default the committing
// connection does that itself whenever the log passes 1000 pages: a pause of several
// milliseconds every few blocks, on the apply strand, inside commit(). Here the apply
// connection's automatic checkpoint is raised to a safety bound (kSafetyBoundPages, reached only
// if this thread falls far behind), and after each commit the caller calls notify(): this thread
// then runs a PASSIVE checkpoint on a connection of its own. A passive checkpoint never blocks
// the writer or readers (it copies what no reader still needs and stops); once it has copied the
// whole log, the writer's next transaction restarts the log from the beginning, so the file
// stays about one block long.
//
// Nothing about durability or crash safety changes: a checkpoint only copies committed pages,
// the WAL stays the record until they are synced into the main file, and SQLite recovers from the
// WAL at the next open whatever instant a crash hits.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/sqlite.h"

namespace allora::node {

class WalCheckpointer {
public:
    // The apply connection's automatic checkpoint threshold while a checkpointer runs, in pages.
    static constexpr int kSafetyBoundPages = 20'000;

    // Starts checkpointing `db`'s file from a second connection. nullptr, with `db` left as it
    // was (SQLite's automatic checkpoints), when there is no log to checkpoint (an in-memory
    // database) or the second connection cannot be opened.
    static std::unique_ptr<WalCheckpointer> start(Database& db);
    // Stops the thread (after the checkpoint under way, if any) and restores the apply
    // connection's default threshold.
    ~WalCheckpointer();
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // A commit happened: checkpoint soon. Cheap (a flag and a wake-up); several notifications
    // before the thread gets to them make one checkpoint.
    void notify();

    // Checkpoints run so far (for tests and diagnostics).
    uint64_t completed() const;

private:
    WalCheckpointer(Database& apply, Database own);
    void run();

    Database* apply_;
    Database own_;  // used only by the thread
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool pending_ = false;
    bool stopping_ = false;
    uint64_t completed_ = 0;
    std::thread thread_;
};

}  // namespace allora::node
