#include "ui/nodepage.h"

#include <QDateTime>
#include <QFontDatabase>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QShowEvent>
#include <QVBoxLayout>
#include <filesystem>
#include <system_error>

#include "core/bech32.h"
#include "core/encoding.h"
#include "ui/nodemodel.h"
#include "ui/pageutil.h"
#include "ui/workerjob.h"

namespace allora::ui {

namespace {

// Bytes under `dir`, skipping what cannot be read (a file may vanish while the node runs).
qint64 directorySize(const std::filesystem::path& dir) {
    std::error_code ec;
    qint64 total = 0;
    for (auto it = std::filesystem::recursive_directory_iterator(
             dir, std::filesystem::directory_options::skip_permission_denied, ec);
         !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code sizeError;
        if (it->is_regular_file(sizeError)) {
            const auto size = it->file_size(sizeError);
            if (!sizeError) total += static_cast<qint64>(size);
        }
    }
    return total;
}

QLabel* valueLabel(const char* name, QWidget* parent) {
    auto* l = new QLabel(parent);
    l->setObjectName(QString::fromLatin1(name));
    l->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    l->setWordWrap(true);
    return l;
}

}  // namespace

NodePage::NodePage(NodeModel* node, QWidget* parent) : QWidget(parent), node_(node) {
    setObjectName(QStringLiteral("nodePage"));
    state_ = valueLabel("nodePageStateLabel", this);
    chain_ = valueLabel("nodeChainLabel", this);
    height_ = valueLabel("nodeHeightLabel", this);
    blockTime_ = valueLabel("nodeBlockTimeLabel", this);
    sync_ = valueLabel("nodeSyncLabel", this);
    mempool_ = valueLabel("nodeMempoolLabel", this);
    validator_ = valueLabel("nodeValidatorLabel", this);
    api_ = valueLabel("nodeApiLabel", this);
    dataDir_ = valueLabel("nodeDataDirLabel", this);
    hashes_ = valueLabel("nodeHashesLabel", this);
    hashes_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    log_ = new QPlainTextEdit(this);
    log_->setObjectName(QStringLiteral("nodeLogView"));
    log_->setReadOnly(true);
    log_->setMaximumBlockCount(static_cast<int>(NodeLog::kMaxLines));
    log_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    log_->setLineWrapMode(QPlainTextEdit::NoWrap);
    log_->setAccessibleName(tr("Node log"));

    auto* form = new QFormLayout;
    form->addRow(tr("State:"), state_);
    form->addRow(tr("Network:"), chain_);
    form->addRow(tr("Height:"), height_);
    form->addRow(tr("Last block:"), blockTime_);
    form->addRow(tr("Sync:"), sync_);
    form->addRow(tr("Mempool:"), mempool_);
    form->addRow(tr("Validator:"), validator_);
    form->addRow(tr("HTTP API:"), api_);
    form->addRow(tr("Data directory:"), dataDir_);
    form->addRow(tr("Hashes:"), hashes_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(pageHeading(tr("Node"), this));
    layout->addSpacing(8);
    layout->addLayout(form);
    layout->addWidget(captionLabel(tr("Log"), this));
    layout->addWidget(log_, 1);

    if (node_ != nullptr) {
        connect(node_, &NodeModel::statusChanged, this, &NodePage::updateStatus);
        connect(node_, &NodeModel::stateChanged, this, [this] {
            updateStatus();
            measureDataDirectory();
        });
        connect(node_, &NodeModel::logAppended, this, &NodePage::appendLog);
    }
    updateStatus();
}

void NodePage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    updateStatus();
    appendLog();
    measureDataDirectory();
}

void NodePage::updateStatus() {
    if (node_ == nullptr) {
        state_->setText(tr("No node in this window."));
        return;
    }
    switch (node_->state()) {
        case NodeModel::State::NoNetwork:
            state_->setText(tr("No network yet: create a local network on the Overview page."));
            break;
        case NodeModel::State::Stopped:
            state_->setText(tr("Stopped"));
            break;
        case NodeModel::State::Starting:
            state_->setText(tr("Starting…"));
            break;
        case NodeModel::State::Running:
            state_->setText(tr("Running"));
            break;
        case NodeModel::State::Stopping:
            state_->setText(tr("Stopping…"));
            break;
        case NodeModel::State::Failed:
            state_->setText(tr("Failed: %1").arg(node_->lastError()));
            break;
    }
    const auto& s = node_->status();
    if (s.chainId.empty()) {
        for (QLabel* l : {chain_, height_, blockTime_, sync_, mempool_, validator_, api_, hashes_})
            l->setText(QStringLiteral("—"));
        return;
    }
    chain_->setText(tr("%1 · moniker %2 · engine %3 · version %4")
                        .arg(QString::fromStdString(s.chainId), QString::fromStdString(s.moniker),
                             QString::fromStdString(s.engine), QString::fromStdString(s.version)));
    height_->setText(tr("%1 (blocks %2 to %1 stored)")
                         .arg(QLocale().toString(static_cast<qulonglong>(s.latestHeight)),
                              QLocale().toString(static_cast<qulonglong>(s.earliestHeight))));
    if (s.latestBlockTimeUnixNanos > 0) {
        const QDateTime t = QDateTime::fromMSecsSinceEpoch(s.latestBlockTimeUnixNanos / 1'000'000);
        const qint64 age = t.secsTo(QDateTime::currentDateTimeUtc());
        blockTime_->setText(tr("%1 (%n second(s) ago)", nullptr, static_cast<int>(age))
                                .arg(QLocale().toString(t.toLocalTime(), QLocale::LongFormat)));
    } else {
        blockTime_->setText(tr("no block yet"));
    }
    sync_->setText(s.catchingUp ? tr("Catching up") : tr("Up to date"));
    mempool_->setText(tr("%n transaction(s), %1", nullptr, static_cast<int>(s.mempoolTxs))
                          .arg(QLocale().formattedDataSize(static_cast<qint64>(s.mempoolBytes))));
    if (s.validatorAddress.empty()) {
        validator_->setText(tr("This node does not validate."));
    } else {
        validator_->setText(tr("%1 · voting power %2")
                                .arg(QString::fromStdString(toHex(s.validatorAddress)).toUpper())
                                .arg(s.votingPower));
    }
    api_->setText(
        s.apiListenAddress.empty()
            ? tr("not served")
            : QStringLiteral("http://%1").arg(QString::fromStdString(s.apiListenAddress)));
    hashes_->setText(tr("block %1\napp   %2")
                         .arg(QString::fromStdString(toHex(s.latestBlockHash)).toUpper(),
                              QString::fromStdString(toHex(s.latestAppHash)).toUpper()));
}

void NodePage::appendLog() {
    if (node_ == nullptr || !isVisible()) return;
    uint64_t last = 0;
    const auto lines = node_->log().linesAfter(logSeen_, last);
    logSeen_ = last;
    for (const auto& line : lines) log_->appendPlainText(QString::fromStdString(line));
}

void NodePage::measureDataDirectory() {
    if (node_ == nullptr || measuring_) return;
    measuring_ = true;
    const QString home = node_->homeDirectory();
    runOnWorker(
        this, node_->queryPool(),
        [dir = std::filesystem::path(home.toStdString())] { return directorySize(dir); },
        [this, home](qint64 size) {
            measuring_ = false;
            dataDir_->setText(tr("%1 (%2)").arg(home, QLocale().formattedDataSize(size)));
        });
}

}  // namespace allora::ui
