// GuiDevnet: the set-up of the GUI tests that drive the whole main window. open() makes a
// temporary home, opens a wallet model on a keyring there holding the cosmjs key ("me"), a node
// model on the same home and the main window over both, shown at 1280×800; startNetwork() then
// creates the local devnet in that home as "Try a local network" does (the demo topics, their
// reference participants unless turned off, the key funded) and waits until it runs; start() is
// both. Each returns an empty string, or what went wrong. The fixture owns all of it and takes it
// down in the tests' one order: the window (its pages hold both models), the node model (which
// stops the node and its participants, waiting for the block in progress), the wallet model, and
// the home last.
#pragma once

#include <QMetaEnum>
#include <QTemporaryDir>
#include <chrono>
#include <memory>

#include "guitestutil.h"
#include "ui/mainwindow.h"
#include "ui/nodemodel.h"

namespace allora::ui::test {

// Creating and starting a devnet (Argon2id twice, the genesis, the participants' first blocks)
// on a loaded machine, and anything that waits for blocks.
constexpr int kNodeTimeoutMs = 90000;

inline std::shared_ptr<const SecureBytes> secret(const char* text) {
    return std::make_shared<const SecureBytes>(SecureBytes::fromString(text));
}

struct GuiDevnetOptions {
    // The wallet's keyring, and the password of its key (none: an empty one).
    wallet::KeyringBackend backend = wallet::KeyringBackend::Test;
    const char* keyPassword = nullptr;
    // The devnet's: the demo topics' reference workers and reputers, its block time, and how
    // often the node model polls the running node.
    bool participants = true;
    std::chrono::milliseconds blockTime{200};
    std::chrono::milliseconds pollInterval{200};
};

class GuiDevnet {
public:
    GuiDevnet() = default;
    GuiDevnet(const GuiDevnet&) = delete;
    GuiDevnet& operator=(const GuiDevnet&) = delete;
    ~GuiDevnet() { shutdown(); }

    // The home, the wallet model with its key, a node model on the home (no network yet: every
    // page is built, the node pages offer to create one) and the main window, shown.
    QString open(const GuiDevnetOptions& options = {}) {
        options_ = options;
        if (!home.isValid()) return QStringLiteral("no temporary home: ") + home.errorString();
        wallet = openModel(home.path(), options.backend);
        if (!wallet) return QStringLiteral("the wallet model did not open in ") + home.path();
        QSignalSpy added(wallet.get(), &WalletModel::keyAdded);
        QObject scope;  // ends the connection below with this function
        QString refused;
        QObject::connect(wallet.get(), &WalletModel::keyAddFailed, &scope,
                         [&refused](ErrorCode, const QString& message) {
                             refused = QStringLiteral("the key was not added: ") + message;
                         });
        wallet->addKey(QStringLiteral("me"), secret(kCosmjsMnemonic),
                       options.keyPassword != nullptr ? secret(options.keyPassword)
                                                      : std::make_shared<const SecureBytes>());
        if (!QTest::qWaitFor([&] { return !added.isEmpty() || !refused.isEmpty(); },
                             kKeyringTimeoutMs))
            return QStringLiteral("the key was not added within %1 s")
                .arg(kKeyringTimeoutMs / 1000);
        if (!refused.isEmpty()) return refused;
        address = QString::fromStdString(wallet->activeKey()->address);
        node = std::make_unique<NodeModel>(QFile::encodeName(home.path()).toStdString());
        window = std::make_unique<MainWindow>(wallet.get(), node.get());
        window->resize(1280, 800);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return QStringLiteral("the main window was not exposed");
        return {};
    }

    // The devnet in the home, funding the key, started with the options open() was given; the
    // node serves no HTTP API (parallel tests would compete for the port).
    QString startNetwork() {
        if (!node) return QStringLiteral("startNetwork() before open()");
        node->setServeApi(false);
        node->setCreateParticipants(options_.participants);
        node->setPollInterval(options_.pollInterval);
        node->createLocalNetwork({address}, secret("validator password"), options_.blockTime);
        using State = NodeModel::State;
        // Until it runs, or fails (back to NoNetwork when nothing was created).
        const bool settled = QTest::qWaitFor(
            [this] {
                const State s = node->state();
                return s == State::Running || s == State::Failed || s == State::NoNetwork;
            },
            kNodeTimeoutMs);
        if (settled && node->state() == State::Running) return {};
        return QStringLiteral("the devnet is not running (waited up to %1 s): state %2, %3")
            .arg(kNodeTimeoutMs / 1000)
            .arg(QString::fromLatin1(
                QMetaEnum::fromType<State>().valueToKey(static_cast<int>(node->state()))))
            .arg(node->lastError().isEmpty() ? QStringLiteral("no error") : node->lastError());
    }

    QString start(const GuiDevnetOptions& options = {}) {
        QString failure = open(options);
        return failure.isEmpty() ? startNetwork() : failure;
    }

    // The one shutdown order (see the top); the home goes with the fixture.
    void shutdown() {
        window.reset();
        node.reset();
        wallet.reset();
    }

    // The window's child widget named `name`, with a warning when there is none.
    template <typename T>
    T* find(const char* name) const {
        T* w = child<T>(window.get(), name);
        if (w == nullptr) qWarning("no widget named %s", name);
        return w;
    }

    // Declared in the order they are made; shutdown() resets them in reverse.
    QTemporaryDir home;
    std::unique_ptr<WalletModel> wallet;
    QString address;  // of the key "me"
    std::unique_ptr<NodeModel> node;
    std::unique_ptr<MainWindow> window;

private:
    GuiDevnetOptions options_;
};

}  // namespace allora::ui::test
