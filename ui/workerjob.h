// runOnWorker: the UI's one way to call into the wallet or the node. `work` runs on `pool` (a
// worker thread); `done(result)` runs afterwards on `receiver`'s thread through its event loop (a
// queued call), and not at all once `receiver` is destroyed. `work` must return a value.
#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>
#include <type_traits>
#include <utility>

namespace allora::ui {

template <typename Work, typename Done>
void runOnWorker(QObject* receiver, QThreadPool* pool, Work work, Done done) {
    using R = std::invoke_result_t<Work>;
    auto* watcher = new QFutureWatcher<R>(receiver);
    QObject::connect(watcher, &QFutureWatcherBase::finished, receiver,
                     [watcher, done = std::move(done)]() mutable {
                         watcher->deleteLater();
                         done(watcher->future().takeResult());
                     });
    watcher->setFuture(QtConcurrent::run(pool, std::move(work)));
}

// One read at a time per view: a refresh asked for while one runs is remembered and runs once
// after it (never two at once, never dropped).
class ReadGate {
public:
    // False when a read is running; it will be run again once that one finishes.
    bool tryBegin() {
        if (busy_) {
            again_ = true;
            return false;
        }
        busy_ = true;
        return true;
    }
    // Ends the read; true when another was asked for meanwhile (the caller runs it).
    bool finish() {
        busy_ = false;
        return std::exchange(again_, false);
    }

private:
    bool busy_ = false;
    bool again_ = false;
};

}  // namespace allora::ui
