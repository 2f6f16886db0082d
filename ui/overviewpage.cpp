#include "ui/overviewpage.h"

#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QFontDatabase>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/emissionsqueries.h"
#include "ui/guiutil.h"
#include "ui/nodemodel.h"
#include "ui/pageutil.h"
#include "ui/walletmodel.h"
#include "ui/workerjob.h"

namespace allora::ui {

namespace {

constexpr uint32_t kRecentTxs = 5;

struct OverviewData {
    QString address;
    Result<AccountSnapshot> account = AccountSnapshot{};
    std::vector<TxRecord> recent;
    Result<std::vector<Delegation>> delegations = std::vector<Delegation>{};
};

}  // namespace

QString formatAllo(const Amount& amount, bool full) {
    if (displayUnit() == DisplayUnit::Uallo)
        return QString::fromStdString(amount.toUalloString()) + QStringLiteral(" uallo");
    return QString::fromStdString(amount.format(full ? Amount::kDecimals : 6));
}

OverviewPage::OverviewPage(WalletModel* wallet, NodeModel* node, QWidget* parent)
    : QWidget(parent), wallet_(wallet), node_(node) {
    setObjectName(QStringLiteral("overviewPage"));
    nameLabel_ = pageHeading(QString(), this);
    nameLabel_->setObjectName(QStringLiteral("accountNameLabel"));
    addressLabel_ = new QLabel(this);
    addressLabel_->setObjectName(QStringLiteral("addressLabel"));
    addressLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse |
                                           Qt::TextSelectableByKeyboard);
    addressLabel_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    addressLabel_->setAccessibleName(tr("Address"));
    auto* copy = new QPushButton(tr("&Copy address"), this);
    copy->setObjectName(QStringLiteral("copyAddressButton"));
    connect(copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(addressLabel_->text());
        Q_EMIT message(tr("Address copied to the clipboard."));
    });
    auto* lock = new QPushButton(tr("&Lock wallet"), this);
    lock->setObjectName(QStringLiteral("lockButton"));
    lock->setToolTip(tr("Forget any password typed in this window"));
    connect(lock, &QPushButton::clicked, this, [this] {
        wallet_->lock();
        Q_EMIT message(tr("Wallet locked: the next transaction asks for the password."));
    });
    auto* caption = captionLabel(tr("Address"), this);

    auto* addressRow = new QHBoxLayout;
    addressRow->addWidget(addressLabel_);
    addressRow->addSpacing(12);
    addressRow->addWidget(copy);
    addressRow->addStretch(1);
    addressRow->addWidget(lock);

    // Balances.
    auto* balances = new QGroupBox(tr("Balances"), this);
    balances->setObjectName(QStringLiteral("balancesBox"));
    auto* grid = new QGridLayout(balances);
    auto addRow = [&](const QString& title, const char* name, const QString& tip) {
        const int row = grid->rowCount();
        auto* t = new QLabel(title, balances);
        auto* v = new QLabel(QStringLiteral("—"), balances);
        v->setObjectName(QString::fromLatin1(name));
        v->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        v->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        v->setAccessibleName(title);
        if (!tip.isEmpty()) v->setToolTip(tip);
        t->setBuddy(v);
        grid->addWidget(t, row, 0);
        grid->addWidget(v, row, 1);
        return v;
    };
    spendableLabel_ = addRow(tr("Spendable"), "spendableBalanceLabel", {});
    vestingLabel_ = addRow(tr("Vesting (locked)"), "vestingBalanceLabel", {});
    const QString later = tr("Shown once the staking and emissions queries are available");
    delegatedLabel_ = addRow(tr("Delegated"), "delegatedBalanceLabel",
                             tr("Your stake delegated to topics' reputers (Staking page)"));
    addRow(tr("Staked as reputer"), "reputerStakeLabel", later);
    addRow(tr("Unbonding"), "unbondingBalanceLabel", later);
    pendingRewardsLabel_ = addRow(tr("Pending rewards"), "pendingRewardsLabel",
                                  tr("Rewards of your delegations, not claimed yet"));
    totalLabel_ = addRow(tr("Total"), "totalBalanceLabel", {});
    QFont bold = totalLabel_->font();
    bold.setBold(true);
    totalLabel_->setFont(bold);
    fullPrecision_ = new QCheckBox(tr("Show full &precision"), balances);
    fullPrecision_->setObjectName(QStringLiteral("fullPrecisionCheck"));
    connect(fullPrecision_, &QCheckBox::toggled, this, &OverviewPage::showBalances);
    grid->addWidget(fullPrecision_, grid->rowCount(), 0, 1, 2);
    grid->setColumnStretch(1, 1);
    grid->setRowStretch(grid->rowCount(), 1);  // rows stay together at the top

    noteLabel_ = new QLabel(this);
    noteLabel_->setObjectName(QStringLiteral("accountNoteLabel"));
    noteLabel_->setForegroundRole(QPalette::PlaceholderText);
    noteLabel_->setWordWrap(true);

    auto* activity = new QGroupBox(tr("Recent activity"), this);
    recent_ = new QListWidget(activity);
    recent_->setObjectName(QStringLiteral("recentActivityList"));
    recent_->setAccessibleName(tr("Recent activity"));
    recent_->setSelectionMode(QAbstractItemView::NoSelection);
    (new QVBoxLayout(activity))->addWidget(recent_);

    auto* columns = new QHBoxLayout;
    columns->addWidget(balances, 1);
    columns->addSpacing(12);
    columns->addWidget(activity, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->setSpacing(6);
    layout->addWidget(nameLabel_);
    layout->addSpacing(8);
    layout->addWidget(caption);
    layout->addLayout(addressRow);
    layout->addSpacing(12);
    layout->addLayout(columns, 1);
    layout->addWidget(noteLabel_);
    if (node_ != nullptr) {
        auto* nodeBox = new QGroupBox(tr("Node"), this);
        nodeBox->setObjectName(QStringLiteral("nodeBox"));
        nodeStateLabel_ = new QLabel(nodeBox);
        nodeStateLabel_->setObjectName(QStringLiteral("nodeStateLabel"));
        nodeStateLabel_->setWordWrap(true);
        nodeStateLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);
        nodeButton_ = new QPushButton(nodeBox);
        nodeButton_->setObjectName(QStringLiteral("nodeButton"));
        connect(nodeButton_, &QPushButton::clicked, this, &OverviewPage::nodeButtonClicked);
        auto* nodeLayout = new QVBoxLayout(nodeBox);
        nodeLayout->addWidget(nodeStateLabel_);
        nodeLayout->addWidget(nodeButton_, 0, Qt::AlignLeft);
        layout->addSpacing(12);
        layout->addWidget(nodeBox);
        connect(node_, &NodeModel::statusChanged, this, [this] {
            if (node_->status().latestHeight != lastHeight_) refresh();
        });
        connect(node_, &NodeModel::stateChanged, this, [this] { refresh(); });
    }
    connect(wallet_, &WalletModel::activeKeyChanged, this, [this] {
        snapshot_.reset();
        delegated_.reset();
        pendingRewards_.reset();
        lastPending_.reset();
        unreportedRewards_ = Amount();
        recent_->clear();
        updateAccount();
        refresh();
    });
    updateAccount();
    refresh();
}

void OverviewPage::setNodeState(const QString& text, const QString& button, bool enabled) {
    if (nodeStateLabel_ == nullptr) return;
    nodeStateLabel_->setText(text);
    nodeButton_->setText(button);
    nodeButton_->setEnabled(enabled);
}

void OverviewPage::updateAccount() {
    const auto key = wallet_->activeKey();
    nameLabel_->setText(key ? QString::fromStdString(key->name) : QString());
    addressLabel_->setText(key ? QString::fromStdString(key->address) : QString());
    showBalances();
}

void OverviewPage::refresh() {
    const auto key = wallet_->activeKey();
    auto api = node_ != nullptr ? node_->api() : nullptr;
    if (!key || !api) {
        snapshot_.reset();
        delegated_.reset();
        pendingRewards_.reset();
        showBalances();
        return;
    }
    if (refreshing_) {
        refreshAgain_ = true;
        return;
    }
    refreshing_ = true;
    lastHeight_ = node_->status().latestHeight;
    runOnWorker(
        this, node_->queryPool(),
        [api, address = key->address] {
            OverviewData d;
            d.address = QString::fromStdString(address);
            d.account = readAccount(*api, address);
            if (auto page = readHistoryPage(*api, address, 0, 0, kRecentTxs))
                for (const auto& e : *page) d.recent.push_back(readTxRecord(e, address));
            d.delegations = readDelegations(*api, address);
            return d;
        },
        [this](OverviewData d) {
            refreshing_ = false;
            const auto active = wallet_->activeKey();
            if (active && QString::fromStdString(active->address) == d.address) {
                if (d.account) {
                    // More than before for the same account: funds arrived (a notification).
                    if (snapshot_ && snapshot_->exists && d.account->total > snapshot_->total)
                        if (auto gained = d.account->total.sub(snapshot_->total))
                            Q_EMIT fundsReceived(*gained);
                    snapshot_ = *d.account;
                    if (d.delegations) updateStaking(*d.delegations);
                    showBalances();
                } else {
                    noteLabel_->setText(tr("Could not read the balances: %1")
                                            .arg(QString::fromStdString(d.account.message())));
                }
                recent_->clear();
                for (const TxRecord& r : d.recent) {
                    auto* item = new QListWidgetItem(describeTx(r), recent_);
                    item->setToolTip(r.hash);
                }
                if (d.recent.empty()) recent_->addItem(tr("No transactions yet."));
            }
            if (refreshAgain_) {
                refreshAgain_ = false;
                refresh();
            }
        });
}

void OverviewPage::updateStaking(const std::vector<Delegation>& positions) {
    Amount delegated, pending;
    for (const Delegation& d : positions) {
        auto a = delegated.add(d.amount);
        auto r = pending.add(d.pendingReward);
        if (!a || !r) return;  // beyond 2^256 uallo: keep what was shown
        delegated = *a;
        pending = *r;
    }
    // No position: nothing delegated, shown as "—" like the other stakes.
    delegated_ = positions.empty() ? std::nullopt : std::optional<Amount>(delegated);
    pendingRewards_ = positions.empty() ? std::nullopt : std::optional<Amount>(pending);
    // Rewards that rose since the last read are new rewards (a claim or a removal lowers them).
    if (lastPending_ && pending > *lastPending_)
        if (auto gained = pending.sub(*lastPending_))
            if (auto sum = unreportedRewards_.add(*gained)) unreportedRewards_ = *sum;
    lastPending_ = pending;
    if (unreportedRewards_.isZero()) return;
    if (lastRewardsNotice_.isValid() && lastRewardsNotice_.elapsed() < rewardsInterval_.count())
        return;
    lastRewardsNotice_.start();
    const Amount earned = unreportedRewards_;
    unreportedRewards_ = Amount();
    Q_EMIT rewardsEarned(earned);
}

void OverviewPage::showBalances() {
    const bool full = fullPrecision_->isChecked();
    delegatedLabel_->setText(delegated_ ? formatAllo(*delegated_, full) : QStringLiteral("—"));
    pendingRewardsLabel_->setText(pendingRewards_ ? formatAllo(*pendingRewards_, full)
                                                  : QStringLiteral("—"));
    if (!snapshot_) {
        for (QLabel* l : {spendableLabel_, vestingLabel_, totalLabel_})
            l->setText(QStringLiteral("—"));
        noteLabel_->setText(node_ != nullptr && node_->api()
                                ? tr("Reading balances…")
                                : tr("Balances and history appear here once the node is running."));
        return;
    }
    spendableLabel_->setText(formatAllo(snapshot_->spendable, full));
    vestingLabel_->setText(formatAllo(snapshot_->vestingLocked, full));
    totalLabel_->setText(formatAllo(snapshot_->total, full));
    for (QLabel* l : {spendableLabel_, vestingLabel_, totalLabel_})
        l->setToolTip(QString::fromStdString((l == spendableLabel_ ? snapshot_->spendable
                                              : l == vestingLabel_ ? snapshot_->vestingLocked
                                                                   : snapshot_->total)
                                                 .toCoinString()));
    QString note =
        snapshot_->exists
            ? tr("As of block %1.").arg(snapshot_->height)
            : tr("This address has not received anything yet (block %1).").arg(snapshot_->height);
    if (snapshot_->vesting && snapshot_->vestingEndUnix > 0)
        note += QLatin1Char(' ') +
                tr("Vesting ends on %1.")
                    .arg(QLocale().toString(
                        QDateTime::fromSecsSinceEpoch(snapshot_->vestingEndUnix).toLocalTime(),
                        QLocale::ShortFormat));
    noteLabel_->setText(note);
}

}  // namespace allora::ui
