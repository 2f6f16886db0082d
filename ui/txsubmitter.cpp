#include "ui/txsubmitter.h"

#include "core/encoding.h"
#include "ui/nodemodel.h"
#include "ui/overviewpage.h"
#include "ui/walletmodel.h"
#include "ui/workerjob.h"

namespace allora::ui {

namespace {

constexpr int kPollIntervalMs = 250;
constexpr int kPollAttempts = 240;  // a minute: blocks come every second on a devnet

struct Prepared {
    QString error;  // empty when the tx is ready to sign
    wallet::UnsignedTx tx;
    Bytes signBytes;
};

struct Broadcasted {
    Hash256 hash{};
    uint32_t code = 0;
    QString log;
};

}  // namespace

TxSubmitter::TxSubmitter(WalletModel* wallet, NodeModel* node, QObject* parent)
    : QObject(parent), wallet_(wallet), node_(node) {
    pollTimer_.setInterval(kPollIntervalMs);
    pollTimer_.setSingleShot(true);
    connect(&pollTimer_, &QTimer::timeout, this, &TxSubmitter::poll);
}

void TxSubmitter::setBusy(bool busy) {
    if (busy_ == busy) return;
    busy_ = busy;
    Q_EMIT busyChanged(busy);
}

void TxSubmitter::fail(const QString& text) {
    setBusy(false);
    Q_EMIT failed(text);
}

void TxSubmitter::submit(Request request, std::shared_ptr<const SecureBytes> password) {
    if (busy_) return;
    const auto key = wallet_->activeKey();
    auto api = node_ != nullptr ? node_->api() : nullptr;
    if (!key || !api) {
        Q_EMIT failed(tr("The node is not running: start it on the Overview page first."));
        return;
    }
    setBusy(true);
    Q_EMIT progress(tr("Preparing the transaction…"));
    runOnWorker(
        this, node_->queryPool(),
        [api, key = *key, request = std::move(request)]() {
            Prepared p;
            auto account = readAccount(*api, key.address);
            if (!account) {
                p.error = QString::fromStdString(account.message());
                return p;
            }
            auto needed = request.spend.add(request.fee);
            if (!account->exists || !needed || *needed > account->spendable) {
                p.error = TxSubmitter::tr(
                              "The amount plus the fee is more than your spendable balance "
                              "(%1). Nothing was sent.")
                              .arg(formatAllo(account->spendable, true));
                return p;
            }
            wallet::TxSpec spec;
            spec.messages = request.messages;
            spec.memo = request.memo;
            if (!request.fee.isZero()) spec.fee.amount = {{"uallo", request.fee.toUalloString()}};
            spec.fee.gasLimit = request.gas;
            spec.signerPublicKey = key.publicKey;
            spec.sequence = account->sequence;
            auto built = wallet::buildTx(spec);
            if (!built) {
                p.error = QString::fromStdString(built.message());
                return p;
            }
            p.tx = std::move(*built);
            p.signBytes = p.tx.signBytes(api->status().chainId, account->accountNumber);
            return p;
        },
        [this, name = QString::fromStdString(key->name), password](Prepared p) {
            if (!p.error.isEmpty()) {
                fail(p.error);
                return;
            }
            Q_EMIT progress(tr("Signing…"));
            auto tx = std::make_shared<wallet::UnsignedTx>(std::move(p.tx));
            wallet_->sign(name, password, std::move(p.signBytes), this,
                          [this, tx](Result<secp256k1::Signature> signature) {
                              if (!signature) {
                                  fail(signature.code() == ErrorCode::WrongPassword
                                           ? tr("Wrong password: the key did not open. Nothing "
                                                "was sent.")
                                           : tr("Could not sign: %1. Nothing was sent.")
                                                 .arg(QString::fromStdString(signature.message())));
                                  return;
                              }
                              broadcast(tx->toTxRaw(*signature));
                          });
        });
}

void TxSubmitter::broadcast(Bytes raw) {
    auto api = node_ != nullptr ? node_->api() : nullptr;
    if (!api) {
        fail(tr("The node stopped before the transaction was sent. Nothing was sent."));
        return;
    }
    Q_EMIT progress(tr("Broadcasting…"));
    runOnWorker(
        this, node_->queryPool(),
        [api, raw = std::move(raw)] {
            Broadcasted b;
            b.hash = wallet::txHash(raw);
            const auto r = api->broadcastTxSync(raw);
            b.code = r.result.code;
            b.log = QString::fromStdString(r.result.log);
            return b;
        },
        [this](Broadcasted b) {
            if (b.code != 0) {
                fail(tr("The node refused the transaction: %1").arg(b.log));
                return;
            }
            pending_ = b.hash;
            Q_EMIT broadcasted(QString::fromStdString(toHex(b.hash)).toUpper());
            pollsLeft_ = kPollAttempts;
            pollTimer_.start();
        });
}

void TxSubmitter::poll() {
    auto api = node_ != nullptr ? node_->api() : nullptr;
    if (!api || pollsLeft_-- <= 0) {
        setBusy(false);
        Q_EMIT notIncluded();
        return;
    }
    runOnWorker(
        this, node_->queryPool(), [api, hash = pending_] { return readTxOutcome(*api, hash); },
        [this](Result<TxOutcome> r) {
            if (!r || !r->found) {
                pollTimer_.start();
                return;
            }
            setBusy(false);
            Q_EMIT included(*r);
        });
}

}  // namespace allora::ui
