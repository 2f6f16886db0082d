// NodeModel: the GUI's handle on the node running inside allora-qt (à la Bitcoin Core's
// ClientModel). It creates the local development network, opens and starts the node, stops it,
// and polls its status, all on one worker thread (opening unlocks the validator key with Argon2id
// and stopping waits for the block in progress), and reports on the GUI thread through signals.
// Starting goes in two steps: the chain opens first, without any key (milliseconds), and from then
// on api() answers the pages' queries (balances, history, topics as last committed) while the
// keys unlock (two Argon2id at once) and the node starts; the window never waits for the node.
// It sees the node only through node/api (LocalNode, NodeStatus) and node/participants/
// local_devnet.h, which creates the local network with the demo topics and runs their reference
// workers and reputers next to the node (issue 5: "Try a local network" is that devnet).
#pragma once

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThreadPool>
#include <QTimer>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>

#include "core/bytes.h"
#include "node/api/local_node.h"
#include "node/participants/local_devnet.h"
#include "ui/nodelog.h"

namespace allora::ui {

class NodeModel : public QObject {
    Q_OBJECT

public:
    enum class State {
        NoNetwork,  // the home holds no node yet: offer to create a local network
        Stopped,
        Starting,
        Running,
        Stopping,
        Failed,  // the last start failed or the node halted; lastError() says why
    };
    Q_ENUM(State)

    explicit NodeModel(std::filesystem::path home, QObject* parent = nullptr);
    // Stops a running node (waiting for the block in progress) before the model goes away.
    ~NodeModel() override;

    State state() const { return state_; }
    QString lastError() const { return lastError_; }
    // The last status polled while running (default-constructed before that).
    const node::api::NodeStatus& status() const { return status_; }
    QString homeDirectory() const { return QString::fromStdString(home_.string()); }
    // The node for queries and broadcasts: null unless Running, or Starting (or Failed to start)
    // on a chain already open for reading (readable()), whose queries answer the state as last
    // committed and whose broadcasts are refused until it runs. Call it only from queryPool()'s
    // thread (runOnWorker), never on the GUI thread: a call may block briefly.
    std::shared_ptr<node::api::NodeApi> api() const {
        return state_ == State::Running || readable_ ? node_ : nullptr;
    }
    // True while the chain is open for reading but the node does not run yet (its keys unlock, or
    // the password was wrong): the pages show the last committed state. stateChanged() is emitted
    // when this becomes true.
    bool readable() const { return readable_ && state_ != State::Running; }
    // The node's recent log lines (also written to standard error, as allorad's are).
    const NodeLog& log() const { return *log_; }
    // One worker for the pages' reads and broadcasts, apart from the start/stop/poll worker so
    // that a query never waits behind a stop.
    QThreadPool* queryPool() { return &queries_; }

    // Whether start() also serves the HTTP API on the configured port (default true; tests turn
    // it off so that parallel runs do not compete for the port).
    void setServeApi(bool serve) { serveApi_ = serve; }
    void setPollInterval(std::chrono::milliseconds interval);
    // Whether createLocalNetwork also creates the reference participants, so the demo topics run
    // on the new network. allora-qt turns it on (app/qt/main.cpp: "Try a local network" is that
    // devnet); the model's default is off, for tests of other pages that need a quiet chain.
    void setCreateParticipants(bool create) { createParticipants_ = create; }

    // Creates a one-node network in the home (state NoNetwork) funding `fund` with 1,000,000 ALLO
    // each, its validator key sealed under `password`, with the reference participants (unless
    // turned off), then starts it.
    void createLocalNetwork(const QStringList& fund, std::shared_ptr<const SecureBytes> password,
                            std::optional<std::chrono::milliseconds> blockTime = std::nullopt);
    // Opens and starts the node of the home (state Stopped or Failed), and its participants when
    // it has them.
    void start(std::shared_ptr<const SecureBytes> password);
    // Stops the running node; state Stopping, then Stopped.
    void stop();

Q_SIGNALS:
    void stateChanged(allora::ui::NodeModel::State state);
    void statusChanged();
    // The node logged new lines since the last signal (checked with each status poll).
    void logAppended();

private:
    void setState(State state, const QString& error = {});
    void openAndStart(std::shared_ptr<const SecureBytes> password);
    void unlockAndStart(std::shared_ptr<const SecureBytes> password);
    void poll();

    std::filesystem::path home_;
    std::shared_ptr<NodeLog> log_ = std::make_shared<NodeLog>();
    uint64_t logSeen_ = 0;
    bool serveApi_ = true;
    bool createParticipants_ = false;
    State state_ = State::NoNetwork;
    QString lastError_;
    node::api::NodeStatus status_;
    // Shared with the worker's jobs, which keep it alive while they use it.
    std::shared_ptr<participants::StartingNode> node_;
    // node_ answers queries while it starts (StartingNode::readable()).
    bool readable_ = false;
    // node_ was opened but has not run yet: a new start() (another password) unlocks it again
    // rather than opening another.
    bool reusable_ = false;
    QThreadPool worker_;
    QThreadPool queries_;
    QTimer pollTimer_;
    bool polling_ = false;
};

}  // namespace allora::ui
