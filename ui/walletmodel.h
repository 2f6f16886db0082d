// WalletModel: the GUI's handle on the keyring (à la Bitcoin Core's WalletModel).
//
// It owns the Keyring and runs every call into it on one worker thread, because a keyring call can
// touch the disk and run Argon2id for about a second (wallet/keyring.h). Results come back on the
// GUI thread as signals. One worker (not a pool) so that keyring calls never overlap: the keyring
// makes no promise about concurrent use, and a user never needs two at once.
//
// No dialogs here: the model reports, views decide how to show it.
#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "core/bytes.h"
#include "core/result.h"
#include "wallet/keyring.h"

namespace allora::ui {

class WalletModel : public QObject {
    Q_OBJECT

public:
    enum class State { Closed, Opening, Open, Failed };
    Q_ENUM(State)

    explicit WalletModel(QObject* parent = nullptr);
    // Waits for a running job (at most one Argon2id run) before the keyring goes away.
    ~WalletModel() override;

    State state() const { return state_; }
    bool isOpen() const { return state_ == State::Open; }
    // Valid once open.
    wallet::KeyringBackend backend() const { return backend_; }
    QString directory() const;
    // The keys as last listed, sorted by name.
    const QList<wallet::KeyInfo>& keys() const { return keys_; }
    bool hasKey(const QString& name) const;
    // The account the window shows: the key added last in this session, else the first by name.
    std::optional<wallet::KeyInfo> activeKey() const;
    // True while a job is queued or running.
    bool isBusy() const { return pending_ > 0; }

    // Opens (creating if needed) the keyring in `directory` and lists its keys; then opened() or
    // openFailed(). Only once per model.
    void open(const std::filesystem::path& directory, wallet::KeyringBackend backend);
    // Re-reads the key list; keysChanged() or operationFailed().
    void listKeys();
    // A fresh mnemonic from the OS's randomness; mnemonicGenerated() or operationFailed().
    void generateMnemonic(int words = 24);
    // Stores a key made from `mnemonic` (new or restored: to the keyring they are the same);
    // keyAdded() or keyAddFailed(). The password is ignored by the Test backend.
    void addKey(const QString& name, std::shared_ptr<const SecureBytes> mnemonic,
                std::shared_ptr<const SecureBytes> password);

    // Signs `signBytes` (SIGN_MODE_DIRECT) with key `name` on the worker; `done` runs afterwards on
    // `receiver`'s thread with the signature or the error (WrongPassword for a wrong password).
    void sign(const QString& name, std::shared_ptr<const SecureBytes> password, Bytes signBytes,
              QObject* receiver, std::function<void(Result<secp256k1::Signature>)> done);
    // Locks the wallet: every view forgets what it holds of a password or a secret (a typed
    // password, a prepared confirmation). The model itself caches nothing derived from a password:
    // each signature unlocks the key file anew and wipes the key afterwards (wallet/keyring.h).
    void lock();

Q_SIGNALS:
    void locked();
    void opened();
    void openFailed(const QString& message);
    void keysChanged();
    void activeKeyChanged();
    void mnemonicGenerated(std::shared_ptr<const allora::SecureBytes> mnemonic);
    void keyAdded(const allora::wallet::KeyInfo& key);
    void keyAddFailed(allora::ErrorCode code, const QString& message);
    void operationFailed(const QString& message);
    void busyChanged(bool busy);

private:
    // Runs `work` on the worker thread and `done(result)` on this object's thread.
    template <typename Work, typename Done>
    void runJob(Work work, Done done);
    void jobStarted();
    void jobFinished();
    void setKeys(QList<wallet::KeyInfo> keys);

    State state_ = State::Closed;
    wallet::KeyringBackend backend_ = wallet::KeyringBackend::File;
    QList<wallet::KeyInfo> keys_;
    QString activeName_;
    int pending_ = 0;
    // Declared before worker_ so that it outlives it: the worker's jobs use the keyring.
    std::unique_ptr<wallet::Keyring> keyring_;
    QThreadPool worker_;
};

}  // namespace allora::ui
