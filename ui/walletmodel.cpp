#include "ui/walletmodel.h"

#include <QPointer>

#include <algorithm>
#include <type_traits>
#include <utility>
#include <vector>

#include "ui/workerjob.h"
#include "wallet/bip39.h"

namespace allora::ui {

namespace {

QString fromStd(const std::string& s) {
    return QString::fromStdString(s);
}

QList<wallet::KeyInfo> toList(std::vector<wallet::KeyInfo> keys) {
    QList<wallet::KeyInfo> out;
    out.reserve(static_cast<qsizetype>(keys.size()));
    for (auto& k : keys) out.append(std::move(k));
    return out;
}

struct Opened {
    std::unique_ptr<wallet::Keyring> keyring;
    std::vector<wallet::KeyInfo> keys;
};

}  // namespace

WalletModel::WalletModel(QObject* parent) : QObject(parent) {
    // Qt 6 knows these types from the signals' signatures; registering them by name as well
    // lets string-based connections and QVariant lookups find them.
    qRegisterMetaType<wallet::KeyInfo>("allora::wallet::KeyInfo");
    qRegisterMetaType<ErrorCode>("allora::ErrorCode");
    worker_.setMaxThreadCount(1);
    worker_.setObjectName(QStringLiteral("WalletModelWorker"));
}

WalletModel::~WalletModel() {
    // The job's watcher (a child) is deleted after this body, so no result callback runs on a
    // half-destroyed model; waiting here keeps the keyring alive until the job returns.
    worker_.waitForDone();
}

template <typename Work, typename Done>
void WalletModel::runJob(Work work, Done done) {
    jobStarted();
    runOnWorker(this, &worker_, std::move(work),
                [this, done = std::move(done)](auto result) mutable {
                    jobFinished();
                    done(std::move(result));
                });
}

void WalletModel::jobStarted() {
    if (pending_++ == 0) Q_EMIT busyChanged(true);
}

void WalletModel::jobFinished() {
    if (--pending_ == 0) Q_EMIT busyChanged(false);
}

QString WalletModel::directory() const {
    return keyring_ ? QString::fromStdString(keyring_->directory().string()) : QString();
}

bool WalletModel::hasKey(const QString& name) const {
    return std::any_of(keys_.begin(), keys_.end(),
                       [&](const wallet::KeyInfo& k) { return fromStd(k.name) == name; });
}

std::optional<wallet::KeyInfo> WalletModel::activeKey() const {
    if (keys_.isEmpty()) return std::nullopt;
    for (const auto& k : keys_)
        if (fromStd(k.name) == activeName_) return k;
    return keys_.front();
}

void WalletModel::open(const std::filesystem::path& directory, wallet::KeyringBackend backend) {
    if (state_ != State::Closed) return;  // one keyring per model: jobs hold its raw pointer
    state_ = State::Opening;
    backend_ = backend;
    runJob(
        [directory, backend]() -> Result<Opened> {
            auto keyring = wallet::openKeyring(directory, backend);
            if (!keyring) return keyring.error();
            auto keys = (*keyring)->list();
            if (!keys) return keys.error();
            return Opened{std::move(keyring).value(), std::move(keys).value()};
        },
        [this](Result<Opened> result) {
            if (!result) {
                state_ = State::Failed;
                Q_EMIT openFailed(fromStd(result.message()));
                return;
            }
            keyring_ = std::move(result->keyring);
            state_ = State::Open;
            setKeys(toList(std::move(result->keys)));
            Q_EMIT opened();
        });
}

void WalletModel::listKeys() {
    if (!keyring_) return;
    const wallet::Keyring* keyring = keyring_.get();
    runJob([keyring] { return keyring->list(); },
           [this](Result<std::vector<wallet::KeyInfo>> result) {
               if (!result) {
                   Q_EMIT operationFailed(fromStd(result.message()));
                   return;
               }
               setKeys(toList(std::move(result).value()));
           });
}

void WalletModel::generateMnemonic(int words) {
    runJob(
        [words]() -> Result<std::shared_ptr<const SecureBytes>> {
            auto mnemonic = wallet::bip39::generate(words);
            if (!mnemonic) return mnemonic.error();
            return std::make_shared<const SecureBytes>(std::move(mnemonic).value());
        },
        [this](Result<std::shared_ptr<const SecureBytes>> result) {
            if (!result) {
                Q_EMIT operationFailed(fromStd(result.message()));
                return;
            }
            Q_EMIT mnemonicGenerated(std::move(result).value());
        });
}

void WalletModel::addKey(const QString& name, std::shared_ptr<const SecureBytes> mnemonic,
                         std::shared_ptr<const SecureBytes> password) {
    if (!keyring_) {
        Q_EMIT keyAddFailed(ErrorCode::Internal, tr("The wallet is not open."));
        return;
    }
    wallet::Keyring* keyring = keyring_.get();
    runJob([keyring, name = name.toStdString(), mnemonic = std::move(mnemonic),
            password = std::move(password)] { return keyring->add(name, *mnemonic, *password); },
           [this](Result<wallet::KeyInfo> result) {
               if (!result) {
                   Q_EMIT keyAddFailed(result.code(), fromStd(result.message()));
                   return;
               }
               const wallet::KeyInfo key = std::move(result).value();
               QList<wallet::KeyInfo> keys = keys_;
               keys.removeIf([&](const wallet::KeyInfo& k) { return k.name == key.name; });
               keys.append(key);
               std::sort(keys.begin(), keys.end(),
                         [](const auto& a, const auto& b) { return a.name < b.name; });
               activeName_ = fromStd(key.name);
               setKeys(std::move(keys));
               Q_EMIT keyAdded(key);
           });
}

void WalletModel::sign(const QString& name, std::shared_ptr<const SecureBytes> password,
                       Bytes signBytes, QObject* receiver,
                       std::function<void(Result<secp256k1::Signature>)> done) {
    if (!keyring_) {
        done(makeError(ErrorCode::Internal, tr("The wallet is not open.").toStdString()));
        return;
    }
    const wallet::Keyring* keyring = keyring_.get();
    jobStarted();
    runOnWorker(
        this, &worker_,
        [keyring, name = name.toStdString(), password = std::move(password),
         signBytes = std::move(signBytes)] { return keyring->sign(name, *password, signBytes); },
        [this, receiver = QPointer<QObject>(receiver),
         done = std::move(done)](Result<secp256k1::Signature> result) {
            jobFinished();
            if (receiver) done(std::move(result));
        });
}

void WalletModel::lock() {
    Q_EMIT locked();
}

void WalletModel::setKeys(QList<wallet::KeyInfo> keys) {
    const auto before = activeKey();
    keys_ = std::move(keys);
    Q_EMIT keysChanged();
    const auto after = activeKey();
    if (before.has_value() != after.has_value() ||
        (before && (before->name != after->name || before->address != after->address)))
        Q_EMIT activeKeyChanged();
}

}  // namespace allora::ui
