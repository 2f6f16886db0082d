#include "ui/buyinferencepage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShowEvent>
#include <QTableWidget>
#include <QVBoxLayout>
#include <map>

#include "allora/emissions/v9/tx.pb.h"
#include "ui/nodemodel.h"
#include "ui/overviewpage.h"
#include "ui/pageutil.h"
#include "ui/txpanel.h"
#include "ui/walletmodel.h"
#include "ui/workerjob.h"

namespace allora::ui {

namespace {

constexpr uint64_t kFundTopicGas = 200'000;

QString decimal(const std::string& text) {
    bool ok = false;
    const double v = QString::fromStdString(text).toDouble(&ok);
    return ok ? QString::number(v, 'g', 8) : QString::fromStdString(text);
}

}  // namespace

struct BuyInferencePage::Snapshot {
    QString error;
    std::vector<TopicSummary> topics;
    uint64_t chosen = 0;
    std::optional<empb::NetworkInferences> inference;
    std::optional<Amount> txFee;
};

BuyInferencePage::BuyInferencePage(WalletModel* wallet, NodeModel* node, QWidget* parent)
    : QWidget(parent), wallet_(wallet), node_(node) {
    setObjectName(QStringLiteral("buyInferencePage"));
    topic_ = new QComboBox(this);
    topic_->setObjectName(QStringLiteral("buyTopicCombo"));
    topic_->setAccessibleName(tr("Topic"));
    connect(topic_, &QComboBox::currentIndexChanged, this, [this] {
        revenueBefore_.reset();
        refresh();
    });
    amount_ = new QLineEdit(this);
    amount_->setObjectName(QStringLiteral("buyAmountEdit"));
    amount_->setPlaceholderText(tr("any amount in ALLO, e.g. 1"));
    amount_->setAccessibleName(tr("Amount to pay in ALLO"));
    explanation_ = new QLabel(
        tr("Pay what you want: the payment is added to the topic's fee revenue. Revenue raises "
           "the topic's weight among all topics, and with it the share of each block's rewards "
           "that goes to its workers and reputers, so the topic draws more and better models. "
           "The network inference itself is public; your payment is what keeps it coming."),
        this);
    explanation_->setObjectName(QStringLiteral("buyExplanationLabel"));
    explanation_->setWordWrap(true);
    revenue_ = new QLabel(this);
    revenue_->setObjectName(QStringLiteral("buyRevenueLabel"));
    fee_ = new QLabel(this);
    fee_->setObjectName(QStringLiteral("buyFeeLabel"));
    review_ = new QPushButton(tr("&Review…"), this);
    review_->setObjectName(QStringLiteral("buyReviewButton"));
    review_->setDefault(true);
    connect(review_, &QPushButton::clicked, this, &BuyInferencePage::review);
    panel_ = new TxPanel(QStringLiteral("buy"), tr("&Sign and pay"), wallet_, node_, this);
    connect(panel_, &TxPanel::message, this, &BuyInferencePage::message);
    connect(panel_, &TxPanel::busyChanged, review_, &QWidget::setDisabled);
    connect(panel_, &TxPanel::included, this, [this](const TxOutcome& r) {
        if (r.code == 0) {
            amount_->clear();
            Q_EMIT message(tr("Paid: included in block %1.").arg(r.height));
            Q_EMIT paid();
        }
        refresh();
    });
    inference_ = new QLabel(this);
    inference_->setObjectName(QStringLiteral("buyInferenceLabel"));
    inference_->setWordWrap(true);
    inference_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    contributors_ = new QTableWidget(0, 3, this);
    contributors_->setObjectName(QStringLiteral("buyContributorsTable"));
    contributors_->setHorizontalHeaderLabels({tr("Worker"), tr("Value"), tr("Share of weight")});
    contributors_->setAccessibleName(tr("Contributors to the network inference"));
    contributors_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    contributors_->verticalHeader()->hide();
    contributors_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);

    auto* form = new QFormLayout;
    auto* topicLabel = new QLabel(tr("&Topic:"), this);
    topicLabel->setBuddy(topic_);
    form->addRow(topicLabel, topic_);
    form->addRow(QString(), revenue_);
    auto* amountLabel = new QLabel(tr("&Pay:"), this);
    amountLabel->setBuddy(amount_);
    form->addRow(amountLabel, amount_);
    form->addRow(QString(), fee_);
    auto* formBox = new QWidget(this);
    formBox->setMaximumWidth(760);
    auto* inner = new QVBoxLayout(formBox);
    inner->setContentsMargins(0, 0, 0, 0);
    inner->addWidget(explanation_);
    inner->addLayout(form);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(review_);
    inner->addLayout(buttons);
    inner->addWidget(panel_);
    // Enter in the topic or the amount reviews the payment, as Review does.
    setDefaultAction(formBox, [this] { review(); });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(pageHeading(tr("Buy an inference"), this));
    layout->addSpacing(8);
    layout->addWidget(formBox);
    layout->addWidget(captionLabel(tr("The topic's latest network inference"), this));
    layout->addWidget(inference_);
    layout->addWidget(contributors_, 1);

    if (node_ != nullptr)
        connect(node_, &NodeModel::stateChanged, this, [this] {
            if (isVisible()) refresh();
        });
}

void BuyInferencePage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh();
}

void BuyInferencePage::chooseTopic(uint64_t topicId) {
    const int index = topic_->findData(QVariant::fromValue<qulonglong>(topicId));
    if (index >= 0)
        topic_->setCurrentIndex(index);
    else
        pendingTopic_ = topicId;  // once the list holds it
    refresh();
}

void BuyInferencePage::refresh() {
    auto api = node_ != nullptr ? node_->api() : nullptr;
    if (!api) {
        revenue_->setText(tr("The node is not running: start it on the Overview page."));
        review_->setEnabled(false);
        return;
    }
    if (!gate_.tryBegin()) return;
    const uint64_t chosen = pendingTopic_ != 0 ? pendingTopic_ : chosenTopic(topic_);
    runOnWorker(
        this, node_->queryPool(),
        [api, chosen] {
            Snapshot s;
            auto topics = readTopics(*api);
            if (!topics) {
                s.error = QString::fromStdString(topics.message());
                return s;
            }
            s.topics = std::move(*topics);
            s.chosen = chosen != 0 ? chosen : (s.topics.empty() ? 0 : s.topics.front().topic.id());
            if (s.chosen != 0) {
                auto inference = readLatestNetworkInference(*api, s.chosen);
                if (inference) s.inference = std::move(*inference);
            }
            if (auto fee = readMinFee(*api, kFundTopicGas)) s.txFee = *fee;
            return s;
        },
        [this](Snapshot s) {
            const bool again = gate_.finish();
            show(s);
            if (again) refresh();
        });
}

void BuyInferencePage::show(const Snapshot& s) {
    if (!s.error.isEmpty()) {
        revenue_->setText(tr("Could not read the topics: %1").arg(s.error));
        return;
    }
    setTopicItems(topic_, s.topics);
    if (pendingTopic_ != 0) {
        const int index = topic_->findData(QVariant::fromValue<qulonglong>(pendingTopic_));
        if (index >= 0) {
            QSignalBlocker block(topic_);
            topic_->setCurrentIndex(index);
            pendingTopic_ = 0;
        }
    }
    txFee_ = s.txFee;
    fee_->setText(txFee_ ? tr("Transaction fee: %1").arg(formatAllo(*txFee_, true))
                         : tr("The fee is known once the node reports its gas price."));
    chosen_.reset();
    for (const auto& t : s.topics)
        if (t.topic.id() == chosenTopic(topic_)) chosen_ = t;
    review_->setEnabled(chosen_.has_value() && txFee_.has_value() && !panel_->isBusy());
    if (!chosen_) {
        revenue_->setText(s.topics.empty() ? tr("No topic exists yet: create one first.")
                                           : QString());
        inference_->clear();
        contributors_->setRowCount(0);
        return;
    }
    QString revenueText =
        tr("Revenue of topic %1: %2 · weight %3 · %4")
            .arg(chosen_->topic.id())
            .arg(formatAllo(chosen_->revenue, true),
                 chosen_->weight.empty() ? QStringLiteral("—") : decimal(chosen_->weight),
                 chosen_->active ? tr("active") : tr("inactive"));
    if (revenueBefore_ && *revenueBefore_ != chosen_->revenue)
        revenueText += QLatin1Char('\n') +
                       tr("Before your payment: %1").arg(formatAllo(*revenueBefore_, true));
    revenue_->setText(revenueText);
    if (!s.inference || s.chosen != chosen_->topic.id()) {
        inference_->setText(
            tr("No network inference yet: the topic's first epoch has not "
               "closed."));
        contributors_->setRowCount(0);
        return;
    }
    const auto& n = *s.inference;
    QStringList band;
    for (const auto& v : n.confidence_interval_values()) band << decimal(v);
    inference_->setText(
        tr("%1 at block %2 (naive %3). Confidence band (2.28, 15.87, 50, 84.13, 97.72th "
           "percentiles): %4")
            .arg(decimal(n.combined_value()))
            .arg(n.block_height())
            .arg(decimal(n.naive_value()),
                 band.isEmpty() ? tr("none (too few workers)") : band.join(QStringLiteral(" · "))));
    const WeightShares shares = weightShares(n);
    contributors_->setRowCount(n.inferer_values_size());
    for (int i = 0; i < n.inferer_values_size(); ++i) {
        const auto& v = n.inferer_values(i);
        const QStringList cells{QString::fromStdString(v.worker()), decimal(v.value()),
                                share(shares.inferer, v.worker())};
        for (int c = 0; c < cells.size(); ++c)
            contributors_->setItem(i, c, new QTableWidgetItem(cells[c]));
    }
}

void BuyInferencePage::review() {
    if (panel_->isBusy()) return;
    const auto key = wallet_->activeKey();
    if (!key) {
        panel_->showMessage(tr("Open a wallet first."));
        return;
    }
    if (!chosen_ || !txFee_) {
        panel_->showMessage(tr("Choose a topic once the node has listed them."));
        return;
    }
    auto amount = Amount::parse(amount_->text().trimmed().toStdString(), Amount::Unit::Allo);
    if (!amount || amount->isZero()) {
        panel_->showMessage(
            tr("Enter what you want to pay in ALLO, more than zero, e.g. 1 (at most 18 "
               "decimals). Nothing was sent."));
        return;
    }
    ::emissions::v9::FundTopicRequest m;
    m.set_sender(key->address);
    m.set_topic_id(chosen_->topic.id());
    m.set_amount(amount->toUalloString());
    TxSubmitter::Request request;
    request.messages.push_back(packMessage("/emissions.v9.FundTopicRequest", m));
    request.spend = *amount;
    request.fee = *txFee_;
    request.gas = kFundTopicGas;
    revenueBefore_ = chosen_->revenue;
    panel_->review(
        tr("Pay %1 to topic %2 (“%3”), adding it to the topic's revenue, with a "
           "transaction fee of %4.")
            .arg(formatAllo(*amount, true))
            .arg(chosen_->topic.id())
            .arg(QString::fromStdString(chosen_->topic.metadata()), formatAllo(*txFee_, true)),
        std::move(request));
}

}  // namespace allora::ui
