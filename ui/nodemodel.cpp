#include "ui/nodemodel.h"

#include <iostream>
#include <string>
#include <utility>
#include <vector>

#include "core/log.h"
#include "ui/workerjob.h"

namespace allora::ui {

namespace {

struct Opened {
    std::shared_ptr<participants::StartingNode> node;
    QString error;
};

struct Started {
    QString error;
    bool unlocked = false;  // the keys were unlocked (the failure, if any, came after)
};

struct Polled {
    node::api::NodeStatus status;
    std::optional<std::string> failure;
};

}  // namespace

NodeModel::NodeModel(std::filesystem::path home, QObject* parent)
    : QObject(parent), home_(std::move(home)) {
    worker_.setMaxThreadCount(1);
    worker_.setObjectName(QStringLiteral("NodeModelWorker"));
    queries_.setMaxThreadCount(1);
    queries_.setObjectName(QStringLiteral("NodeQueryWorker"));
    state_ = node::api::hasNodeHome(home_) ? State::Stopped : State::NoNetwork;
    pollTimer_.setInterval(1000);
    connect(&pollTimer_, &QTimer::timeout, this, &NodeModel::poll);
}

NodeModel::~NodeModel() {
    pollTimer_.stop();
    queries_.waitForDone();
    worker_.waitForDone();
    // Shutdown: the block in progress commits before the program ends.
    if (node_) node_->stop();
}

void NodeModel::setPollInterval(std::chrono::milliseconds interval) {
    pollTimer_.setInterval(static_cast<int>(interval.count()));
}

void NodeModel::setState(State state, const QString& error) {
    lastError_ = error;
    if (state_ == state && error.isEmpty()) return;
    state_ = state;
    if (state == State::Running)
        pollTimer_.start();
    else
        pollTimer_.stop();
    Q_EMIT stateChanged(state);
}

void NodeModel::createLocalNetwork(const QStringList& fund,
                                   std::shared_ptr<const SecureBytes> password,
                                   std::optional<std::chrono::milliseconds> blockTime) {
    if (state_ != State::NoNetwork) return;
    setState(State::Starting);
    std::vector<std::string> addresses;
    for (const QString& a : fund) addresses.push_back(a.toStdString());
    runOnWorker(
        this, &worker_,
        [home = home_, addresses, password, blockTime, with = createParticipants_] {
            Status s = participants::createLocalDevnet(
                home, addresses, *password, blockTime,
                with ? participants::WithParticipants::Yes : participants::WithParticipants::No);
            return s ? QString() : QString::fromStdString(s.error().message);
        },
        [this, password](QString error) {
            if (!error.isEmpty()) {
                setState(node::api::hasNodeHome(home_) ? State::Failed : State::NoNetwork, error);
                return;
            }
            openAndStart(password);
        });
}

void NodeModel::start(std::shared_ptr<const SecureBytes> password) {
    if (state_ != State::Stopped && state_ != State::Failed) return;
    setState(State::Starting);
    if (node_ && reusable_) {
        // Opened, not run (a wrong password): the chain stays open and readable.
        unlockAndStart(std::move(password));
        return;
    }
    if (node_) {
        // A node that halted is still open on the database: close it first (the worker runs
        // jobs in order, so the new node opens after this one has stopped and gone).
        readable_ = false;
        runOnWorker(
            this, &worker_,
            [old = std::move(node_)]() mutable {
                old->stop();
                old.reset();
                return true;
            },
            [](bool) {});
    }
    openAndStart(std::move(password));
}

void NodeModel::openAndStart(std::shared_ptr<const SecureBytes> password) {
    runOnWorker(
        this, &worker_,
        [home = home_, serveApi = serveApi_, log = log_] {
            Opened out;
            // The node's log goes to the program's standard error, as allorad's does. The
            // participants (when the home has them) start with the node and stop before it.
            auto node = participants::StartingNode::open(
                home,
                NodeLog::teeSink(log, makeStreamSink(std::cerr, LogLevel::Info), LogLevel::Info),
                serveApi);
            if (!node) {
                out.error = QString::fromStdString(node.error().message);
                return out;
            }
            out.node = std::shared_ptr<participants::StartingNode>(std::move(*node));
            return out;
        },
        [this, password](Opened opened) {
            if (!opened.node) {
                setState(State::Failed, opened.error);
                return;
            }
            node_ = std::move(opened.node);
            reusable_ = true;
            if (node_->readable()) {
                // The pages may read now: they refresh on stateChanged.
                readable_ = true;
                Q_EMIT stateChanged(state_);
                poll();
            }
            unlockAndStart(password);
        });
}

void NodeModel::unlockAndStart(std::shared_ptr<const SecureBytes> password) {
    runOnWorker(
        this, &worker_,
        [node = node_, password] {
            // Two Argon2id at once (the validator key and the participants' key), then the
            // node and its participants start.
            Started out;
            if (!node->unlocked())
                if (Status s = node->unlock(*password); !s) {
                    out.error = QString::fromStdString(s.error().message);
                    return out;
                }
            out.unlocked = true;
            if (Status s = node->start(); !s) out.error = QString::fromStdString(s.error().message);
            return out;
        },
        [this](Started started) {
            if (!started.error.isEmpty()) {
                // Another password may unlock this node again; one that failed to start once
                // its keys were unlocked is closed and opened anew by the next start().
                if (started.unlocked) reusable_ = false;
                setState(State::Failed, started.error);
                return;
            }
            reusable_ = false;
            readable_ = true;
            setState(State::Running);
            poll();
        });
}

void NodeModel::stop() {
    if (state_ != State::Running || !node_) return;
    readable_ = false;
    setState(State::Stopping);
    runOnWorker(
        this, &worker_,
        [node = node_] {
            node->stop();
            return true;
        },
        [this](bool) {
            node_.reset();
            readable_ = false;
            setState(State::Stopped);
        });
}

void NodeModel::poll() {
    if (polling_ || !node_ || !(state_ == State::Running || readable_)) return;
    polling_ = true;
    runOnWorker(
        this, &worker_,
        [node = node_] {
            return Polled{node->status(), node->failure()};
        },
        [this](Polled polled) {
            polling_ = false;
            if (state_ != State::Running && !readable_) return;
            status_ = std::move(polled.status);
            Q_EMIT statusChanged();
            if (const uint64_t last = log_->lastSequence(); last != logSeen_) {
                logSeen_ = last;
                Q_EMIT logAppended();
            }
            if (polled.failure)
                setState(State::Failed,
                         tr("The node halted: %1").arg(QString::fromStdString(*polled.failure)));
        });
}

}  // namespace allora::ui
