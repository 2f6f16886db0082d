#include "ui/stakingpage.h"

#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QShowEvent>
#include <QTableWidget>
#include <QVBoxLayout>

#include "allora/emissions/v9/tx.pb.h"
#include "ui/guiutil.h"
#include "ui/nodemodel.h"
#include "ui/overviewpage.h"
#include "ui/pageutil.h"
#include "ui/txpanel.h"
#include "ui/walletmodel.h"
#include "ui/workerjob.h"

namespace allora::ui {

namespace {

constexpr uint64_t kStakeGas = 250'000;

}  // namespace

struct StakingPage::Snapshot {
    QString error;
    std::vector<TopicSummary> topics;
    uint64_t chosen = 0;
    std::vector<empb::TopicReputer> reputers;
    std::vector<Delegation> delegations;
    std::optional<Amount> txFee;
    int64_t removalDelay = 0;
};

StakingPage::StakingPage(WalletModel* wallet, NodeModel* node, QWidget* parent)
    : QWidget(parent), wallet_(wallet), node_(node) {
    setObjectName(QStringLiteral("stakingPage"));
    topic_ = new QComboBox(this);
    topic_->setObjectName(QStringLiteral("stakeTopicCombo"));
    topic_->setAccessibleName(tr("Topic"));
    connect(topic_, &QComboBox::currentIndexChanged, this, [this] { refresh(); });
    reputer_ = new QComboBox(this);
    reputer_->setObjectName(QStringLiteral("stakeReputerCombo"));
    reputer_->setAccessibleName(tr("Reputer"));
    amount_ = new QLineEdit(this);
    amount_->setObjectName(QStringLiteral("stakeAmountEdit"));
    amount_->setPlaceholderText(tr("amount in ALLO"));
    amount_->setAccessibleName(tr("Amount to delegate in ALLO"));
    info_ = new QLabel(this);
    info_->setObjectName(QStringLiteral("stakeInfoLabel"));
    info_->setWordWrap(true);
    delegate_ = new QPushButton(tr("&Delegate…"), this);
    delegate_->setObjectName(QStringLiteral("stakeDelegateButton"));
    connect(delegate_, &QPushButton::clicked, this, &StakingPage::reviewDelegate);

    positions_ = new QTableWidget(0, 5, this);
    positions_->setObjectName(QStringLiteral("delegationsTable"));
    positions_->setHorizontalHeaderLabels(
        {tr("Topic"), tr("Reputer"), tr("Delegated"), tr("Pending rewards"), tr("Removal")});
    positions_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    positions_->setSelectionBehavior(QAbstractItemView::SelectRows);
    positions_->setSelectionMode(QAbstractItemView::SingleSelection);
    positions_->verticalHeader()->hide();
    positions_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    positions_->setAccessibleName(tr("Your delegations"));
    claim_ = new QPushButton(tr("&Claim rewards…"), this);
    claim_->setObjectName(QStringLiteral("claimRewardsButton"));
    remove_ = new QPushButton(tr("&Remove…"), this);
    remove_->setObjectName(QStringLiteral("removeDelegationButton"));
    connect(claim_, &QPushButton::clicked, this, &StakingPage::reviewClaim);
    connect(remove_, &QPushButton::clicked, this, &StakingPage::reviewRemove);
    auto updateButtons = [this] {
        const Delegation* d = selectedPosition();
        claim_->setEnabled(d != nullptr && !d->pendingReward.isZero());
        remove_->setEnabled(d != nullptr && !d->amount.isZero() && !d->removal);
    };
    connect(positions_, &QTableWidget::itemSelectionChanged, this, updateButtons);
    updateButtons();

    panel_ = new TxPanel(QStringLiteral("stake"), tr("Sign and &send"), wallet_, node_, this);
    connect(panel_, &TxPanel::message, this, &StakingPage::message);
    connect(panel_, &TxPanel::busyChanged, delegate_, &QWidget::setDisabled);
    connect(panel_, &TxPanel::included, this, [this](const TxOutcome& r) {
        if (r.code == 0) {
            amount_->clear();
            Q_EMIT message(tr("Staking: included in block %1.").arg(r.height));
            Q_EMIT staked();
        }
        refresh();
    });

    auto* form = new QFormLayout;
    auto* topicLabel = new QLabel(tr("&Topic:"), this);
    topicLabel->setBuddy(topic_);
    form->addRow(topicLabel, topic_);
    auto* reputerLabel = new QLabel(tr("R&eputer:"), this);
    reputerLabel->setBuddy(reputer_);
    form->addRow(reputerLabel, reputer_);
    auto* amountLabel = new QLabel(tr("&Amount:"), this);
    amountLabel->setBuddy(amount_);
    form->addRow(amountLabel, amount_);
    form->addRow(QString(), info_);
    auto* formBox = new QWidget(this);
    formBox->setMaximumWidth(760);
    auto* inner = new QVBoxLayout(formBox);
    inner->setContentsMargins(0, 0, 0, 0);
    inner->addWidget(captionLabel(
        tr("Delegating adds your stake to a reputer's: it weighs their scores of the workers, and "
           "you earn a share of their rewards. Removing waits for the chain's delay."),
        formBox));
    inner->addLayout(form);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(delegate_);
    inner->addLayout(buttons);
    inner->addWidget(panel_);
    // Enter in the form reviews the delegation, as Delegate does.
    setDefaultAction(formBox, [this] { reviewDelegate(); });
    auto* positionButtons = new QHBoxLayout;
    positionButtons->addWidget(captionLabel(tr("Your delegations"), this), 1);
    positionButtons->addWidget(claim_);
    positionButtons->addWidget(remove_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(pageHeading(tr("Staking"), this));
    layout->addSpacing(8);
    layout->addWidget(formBox);
    layout->addLayout(positionButtons);
    layout->addWidget(positions_, 1);

    if (node_ != nullptr) {
        connect(node_, &NodeModel::stateChanged, this, [this] {
            if (isVisible()) refresh();
        });
        // While shown, each new block is read: reputers register, rewards accrue.
        connect(node_, &NodeModel::statusChanged, this, [this] {
            if (isVisible() && node_->status().latestHeight != readHeight_) refresh();
        });
    }
    connect(wallet_, &WalletModel::activeKeyChanged, this, &StakingPage::refresh);
}

void StakingPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh();
}

void StakingPage::chooseTopic(uint64_t topicId) {
    pendingTopic_ = topicId;
    refresh();
}

void StakingPage::refresh() {
    auto api = node_ != nullptr ? node_->api() : nullptr;
    const auto key = wallet_->activeKey();
    if (!api || !key) {
        info_->setText(tr("The node is not running: start it on the Overview page."));
        delegate_->setEnabled(false);
        return;
    }
    if (!gate_.tryBegin()) return;
    readHeight_ = node_->status().latestHeight;
    const uint64_t chosen = pendingTopic_ != 0 ? pendingTopic_ : chosenTopic(topic_);
    runOnWorker(
        this, node_->queryPool(),
        [api, chosen, address = key->address] {
            Snapshot s;
            auto topics = readTopics(*api);
            if (!topics) {
                s.error = QString::fromStdString(topics.message());
                return s;
            }
            s.topics = std::move(*topics);
            s.chosen = chosen != 0 ? chosen : (s.topics.empty() ? 0 : s.topics.front().topic.id());
            if (s.chosen != 0) {
                auto participants = readTopicParticipants(*api, s.chosen);
                if (participants) s.reputers = std::move(participants->reputers);
            }
            auto delegations = readDelegations(*api, address);
            if (!delegations) {
                s.error = QString::fromStdString(delegations.message());
                return s;
            }
            s.delegations = std::move(*delegations);
            auto params = readEmissionsParams(*api);
            if (params) s.removalDelay = params->remove_stake_delay_window();
            if (auto fee = readMinFee(*api, kStakeGas)) s.txFee = *fee;
            return s;
        },
        [this](Snapshot s) {
            const bool again = gate_.finish();
            show(s);
            if (again) refresh();
        });
}

void StakingPage::show(const Snapshot& s) {
    if (!s.error.isEmpty()) {
        info_->setText(tr("Could not read the staking state: %1").arg(s.error));
        return;
    }
    topics_ = s.topics;
    setTopicItems(topic_, topics_);
    if (s.chosen != 0 && chosenTopic(topic_) != s.chosen) {
        const int index = topic_->findData(QVariant::fromValue<qulonglong>(s.chosen));
        if (index >= 0) {
            QSignalBlocker block(topic_);
            topic_->setCurrentIndex(index);
        }
    }
    if (pendingTopic_ == s.chosen) pendingTopic_ = 0;
    txFee_ = s.txFee;
    removalDelay_ = s.removalDelay;
    const QString chosenReputer = reputer_->currentData().toString();
    reputers_ = s.chosen == chosenTopic(topic_) ? s.reputers : std::vector<empb::TopicReputer>{};
    // The items are rebuilt only when they change: a refresh per block must not close an open
    // list under the user's pointer.
    QStringList texts, addresses;
    for (const auto& r : reputers_) {
        auto own = Amount::parse(r.stake());
        auto delegated = Amount::parse(r.delegated_stake());
        texts << tr("%1 · own %2 · delegated %3")
                     .arg(shortAddress(QString::fromStdString(r.address())),
                          own ? formatAllo(*own, false) : QStringLiteral("?"),
                          delegated ? formatAllo(*delegated, false) : QStringLiteral("?"));
        addresses << QString::fromStdString(r.address());
    }
    bool same = reputer_->count() == texts.size();
    for (int i = 0; same && i < texts.size(); ++i)
        same =
            reputer_->itemText(i) == texts[i] && reputer_->itemData(i).toString() == addresses[i];
    if (!same) {
        reputer_->clear();
        for (int i = 0; i < texts.size(); ++i) reputer_->addItem(texts[i], addresses[i]);
        const int keep = reputer_->findData(chosenReputer);
        if (keep >= 0) reputer_->setCurrentIndex(keep);
    }
    // The block time, measured between two refreshes (the first guess is the devnet's second).
    if (node_ != nullptr) {
        const auto& st = node_->status();
        if (sampleHeight_ != 0 && st.latestHeight > sampleHeight_ &&
            st.latestBlockTimeUnixNanos > sampleNanos_)
            secondsPerBlock_ = static_cast<double>(st.latestBlockTimeUnixNanos - sampleNanos_) /
                               1e9 / static_cast<double>(st.latestHeight - sampleHeight_);
        if (sampleHeight_ == 0) {
            sampleHeight_ = st.latestHeight;
            sampleNanos_ = st.latestBlockTimeUnixNanos;
        }
    }
    if (topics_.empty())
        info_->setText(tr("No topic exists yet."));
    else if (reputers_.empty())
        info_->setText(tr("This topic has no reputers to delegate to yet."));
    else
        info_->setText(tr("Transaction fee: %1 · removing stake takes %n block(s) (%2).", nullptr,
                          static_cast<int>(removalDelay_))
                           .arg(txFee_ ? formatAllo(*txFee_, true) : QStringLiteral("—"),
                                dateIn(removalDelay_)));
    delegate_->setEnabled(!reputers_.empty() && txFee_ && !panel_->isBusy());

    delegations_ = s.delegations;
    positions_->setRowCount(static_cast<int>(delegations_.size()));
    for (int row = 0; row < static_cast<int>(delegations_.size()); ++row) {
        const Delegation& d = delegations_[static_cast<size_t>(row)];
        QString removal;
        if (d.removal) {
            auto amount = Amount::parse(d.removal->amount());
            removal = tr("%1 back at block %2")
                          .arg(amount ? formatAllo(*amount, false) : QString(),
                               QString::number(d.removal->block_removal_completed()));
        }
        const QStringList cells{QString::number(d.topicId), QString::fromStdString(d.reputer),
                                formatAllo(d.amount, true), formatAllo(d.pendingReward, true),
                                removal};
        for (int c = 0; c < cells.size(); ++c)
            positions_->setItem(row, c, new QTableWidgetItem(cells[c]));
    }
    Q_EMIT positions_->itemSelectionChanged();
}

QString StakingPage::dateIn(int64_t blocks) const {
    int64_t lastBlockNanos = node_ != nullptr ? node_->status().latestBlockTimeUnixNanos : 0;
    QDateTime base = lastBlockNanos > 0 ? QDateTime::fromMSecsSinceEpoch(lastBlockNanos / 1'000'000)
                                        : QDateTime::currentDateTime();
    const QDateTime when =
        base.addSecs(static_cast<qint64>(static_cast<double>(blocks) * secondsPerBlock_));
    return tr("about %1").arg(QLocale().toString(when.toLocalTime(), QLocale::ShortFormat));
}

const Delegation* StakingPage::selectedPosition() const {
    const auto rows = positions_->selectionModel()->selectedRows();
    if (rows.isEmpty()) return nullptr;
    const int row = rows.first().row();
    if (row < 0 || row >= static_cast<int>(delegations_.size())) return nullptr;
    return &delegations_[static_cast<size_t>(row)];
}

void StakingPage::reviewDelegate() {
    if (panel_->isBusy()) return;
    const auto key = wallet_->activeKey();
    const uint64_t topicId = chosenTopic(topic_);
    const QString reputer = reputer_->currentData().toString();
    if (!key || topicId == 0 || reputer.isEmpty() || !txFee_) {
        panel_->showMessage(tr("Choose a topic and one of its reputers first."));
        return;
    }
    auto amount = Amount::parse(amount_->text().trimmed().toStdString(), Amount::Unit::Allo);
    if (!amount || amount->isZero()) {
        panel_->showMessage(
            tr("Enter the amount to delegate in ALLO, more than zero. Nothing "
               "was sent."));
        return;
    }
    ::emissions::v9::DelegateStakeRequest m;
    m.set_sender(key->address);
    m.set_topic_id(topicId);
    m.set_reputer(reputer.toStdString());
    m.set_amount(amount->toUalloString());
    TxSubmitter::Request request;
    request.messages.push_back(packMessage("/emissions.v9.DelegateStakeRequest", m));
    request.spend = *amount;
    request.fee = *txFee_;
    request.gas = kStakeGas;
    panel_->review(tr("Delegate %1 to reputer %2 in topic %3, with a transaction fee of %4. "
                      "Taking it back later waits %n block(s).",
                      nullptr, static_cast<int>(removalDelay_))
                       .arg(formatAllo(*amount, true), reputer)
                       .arg(topicId)
                       .arg(formatAllo(*txFee_, true)),
                   std::move(request));
}

void StakingPage::reviewClaim() {
    const Delegation* d = selectedPosition();
    const auto key = wallet_->activeKey();
    if (d == nullptr || !key || !txFee_ || panel_->isBusy()) return;
    ::emissions::v9::RewardDelegateStakeRequest m;
    m.set_sender(key->address);
    m.set_topic_id(d->topicId);
    m.set_reputer(d->reputer);
    TxSubmitter::Request request;
    request.messages.push_back(packMessage("/emissions.v9.RewardDelegateStakeRequest", m));
    request.fee = *txFee_;
    request.gas = kStakeGas;
    panel_->review(tr("Claim %1 of rewards from reputer %2 in topic %3, with a transaction fee "
                      "of %4.")
                       .arg(formatAllo(d->pendingReward, true), QString::fromStdString(d->reputer))
                       .arg(d->topicId)
                       .arg(formatAllo(*txFee_, true)),
                   std::move(request));
}

void StakingPage::reviewRemove() {
    const Delegation* d = selectedPosition();
    const auto key = wallet_->activeKey();
    if (d == nullptr || !key || !txFee_ || panel_->isBusy()) return;
    ::emissions::v9::RemoveDelegateStakeRequest m;
    m.set_sender(key->address);
    m.set_topic_id(d->topicId);
    m.set_reputer(d->reputer);
    m.set_amount(d->amount.toUalloString());
    TxSubmitter::Request request;
    request.messages.push_back(packMessage("/emissions.v9.RemoveDelegateStakeRequest", m));
    request.fee = *txFee_;
    request.gas = kStakeGas;
    panel_->review(tr("Remove your %1 from reputer %2 in topic %3. It comes back after %n "
                      "block(s), %4; the transaction fee is %5.",
                      nullptr, static_cast<int>(removalDelay_))
                       .arg(formatAllo(d->amount, true), QString::fromStdString(d->reputer))
                       .arg(d->topicId)
                       .arg(dateIn(removalDelay_), formatAllo(*txFee_, true)),
                   std::move(request));
}

}  // namespace allora::ui
