#include "ui/createtopicpage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShowEvent>
#include <QSpinBox>
#include <QVBoxLayout>

#include "node/api/topic_rules.h"
#include "ui/emissionsqueries.h"
#include "ui/nodemodel.h"
#include "ui/overviewpage.h"
#include "ui/pageutil.h"
#include "ui/txpanel.h"
#include "ui/walletmodel.h"
#include "ui/workerjob.h"
#include "wallet/tx_builder.h"

namespace allora::ui {

namespace {

// Creating a topic writes a little more state than a send; allora-cli asks the same by default.
constexpr uint64_t kCreateTopicGas = 200'000;

struct Refreshed {
    Result<empb::Params> params = empb::Params{};
    Result<Amount> txFee = Amount{};
};

QLineEdit* decimalEdit(const char* name, const QString& value, const QString& accessible,
                       QWidget* parent) {
    auto* e = new QLineEdit(value, parent);
    e->setObjectName(QString::fromLatin1(name));
    e->setAccessibleName(accessible);
    return e;
}

QSpinBox* blocksSpin(const char* name, int value, const QString& accessible, QWidget* parent) {
    auto* s = new QSpinBox(parent);
    s->setObjectName(QString::fromLatin1(name));
    s->setRange(0, 100'000'000);
    s->setValue(value);
    s->setSuffix(QCoreApplication::translate("allora::ui::CreateTopicPage", " blocks"));
    s->setAccessibleName(accessible);
    return s;
}

}  // namespace

CreateTopicPage::CreateTopicPage(WalletModel* wallet, NodeModel* node, QWidget* parent)
    : QWidget(parent), wallet_(wallet), node_(node) {
    setObjectName(QStringLiteral("createTopicPage"));
    metadata_ = new QLineEdit(this);
    metadata_->setObjectName(QStringLiteral("topicMetadataEdit"));
    metadata_->setPlaceholderText(tr("What the topic predicts, e.g. “ETH price in 24 hours”"));
    metadata_->setAccessibleName(tr("Description"));
    lossMethod_ = new QComboBox(this);
    lossMethod_->setObjectName(QStringLiteral("topicLossMethodCombo"));
    lossMethod_->setEditable(true);
    lossMethod_->addItems({QStringLiteral("mse"), QStringLiteral("mae")});
    lossMethod_->setAccessibleName(tr("Loss method"));
    lossMethod_->setToolTip(
        tr("How reputers score a prediction against the truth; the reference "
           "reputers compute mse and mae."));
    // Sensible defaults: allora-chain's usual topic values, with a ten-block epoch.
    epochLength_ = blocksSpin("topicEpochLengthSpin", 10, tr("Epoch length"), this);
    groundTruthLag_ = blocksSpin("topicGroundTruthLagSpin", 10, tr("Ground-truth lag"), this);
    submissionWindow_ = blocksSpin("topicSubmissionWindowSpin", 5, tr("Submission window"), this);
    pNorm_ = decimalEdit("topicPNormEdit", QStringLiteral("3"), tr("p-norm"), this);
    alphaRegret_ =
        decimalEdit("topicAlphaRegretEdit", QStringLiteral("0.1"), tr("Regret alpha"), this);
    allowNegative_ = new QCheckBox(tr("Values may be negative"), this);
    allowNegative_->setObjectName(QStringLiteral("topicAllowNegativeCheck"));
    allowNegative_->setChecked(true);
    epsilon_ = decimalEdit("topicEpsilonEdit", QStringLiteral("0.01"), tr("Epsilon"), this);
    meritSortitionAlpha_ = decimalEdit("topicMeritSortitionAlphaEdit", QStringLiteral("0.1"),
                                       tr("Merit sortition alpha"), this);
    infererQuantile_ = decimalEdit("topicInfererQuantileEdit", QStringLiteral("0.25"),
                                   tr("Active inferer quantile"), this);
    forecasterQuantile_ = decimalEdit("topicForecasterQuantileEdit", QStringLiteral("0.25"),
                                      tr("Active forecaster quantile"), this);
    reputerQuantile_ = decimalEdit("topicReputerQuantileEdit", QStringLiteral("0.25"),
                                   tr("Active reputer quantile"), this);

    auto* form = new QFormLayout;
    auto addRow = [&](const QString& label, QWidget* field, const QString& help = {}) {
        auto* l = new QLabel(label, this);
        l->setBuddy(field);
        if (!help.isEmpty()) field->setToolTip(help);
        form->addRow(l, field);
    };
    addRow(tr("&Description:"), metadata_);
    addRow(tr("&Loss method:"), lossMethod_);
    addRow(tr("&Epoch length:"), epochLength_,
           tr("Blocks between two rounds of inferences: each epoch opens a new prediction."));
    addRow(tr("&Ground-truth lag:"), groundTruthLag_,
           tr("Blocks after an epoch until the truth is known and reputers score it (at least "
              "one epoch, at most 100)."));
    addRow(tr("&Submission window:"), submissionWindow_,
           tr("Blocks after an epoch opens during which workers may submit (at most one epoch)."));
    addRow(tr("&p-norm:"), pNorm_, tr("The exponent of the weighting of regrets, 2.5 to 4.5."));
    addRow(
        tr("Regret &alpha:"), alphaRegret_,
        tr("How fast regrets follow new losses: the EMA weight of the newest epoch, in (0, 1]."));
    form->addRow(QString(), allowNegative_);
    addRow(tr("Epsilo&n:"), epsilon_, tr("A small positive value that keeps losses off zero."));
    addRow(tr("&Merit sortition alpha:"), meritSortitionAlpha_,
           tr("The EMA weight of scores used to choose the active participants, 0 to 1."));
    addRow(tr("Active &inferers:"), infererQuantile_,
           tr("The quantile of inferers kept active each epoch, 0 to 1."));
    addRow(tr("Active forecas&ters:"), forecasterQuantile_,
           tr("The quantile of forecasters kept active each epoch, 0 to 1."));
    addRow(tr("Active rep&uters:"), reputerQuantile_,
           tr("The quantile of reputers kept active each epoch, 0 to 1."));

    problem_ = new QLabel(this);
    problem_->setObjectName(QStringLiteral("createTopicProblemLabel"));
    problem_->setWordWrap(true);
    cost_ = new QLabel(this);
    cost_->setObjectName(QStringLiteral("createTopicCostLabel"));
    cost_->setWordWrap(true);
    review_ = new QPushButton(tr("&Review…"), this);
    review_->setObjectName(QStringLiteral("createTopicReviewButton"));
    review_->setDefault(true);
    connect(review_, &QPushButton::clicked, this, &CreateTopicPage::review);

    panel_ =
        new TxPanel(QStringLiteral("createTopic"), tr("Sign and &create"), wallet_, node_, this);
    connect(panel_, &TxPanel::message, this, &CreateTopicPage::message);
    connect(panel_, &TxPanel::busyChanged, this, [this](bool busy) {
        review_->setEnabled(!busy);
        if (!busy) validate();
    });
    connect(panel_, &TxPanel::included, this, [this](const TxOutcome& r) {
        if (r.code != 0) return;
        const QString id =
            QString::fromStdString(r.attribute("emissions.v9.EventTopicCreated", "topic_id"));
        Q_EMIT message(tr("Topic %1 created in block %2.").arg(id).arg(r.height));
        metadata_->clear();
        bool ok = false;
        const uint64_t topicId = id.toULongLong(&ok);
        if (ok) Q_EMIT topicCreated(topicId);
    });

    for (QLineEdit* e : {metadata_, pNorm_, alphaRegret_, epsilon_, meritSortitionAlpha_,
                         infererQuantile_, forecasterQuantile_, reputerQuantile_})
        connect(e, &QLineEdit::textChanged, this, &CreateTopicPage::validate);
    for (QSpinBox* s : {epochLength_, groundTruthLag_, submissionWindow_})
        connect(s, &QSpinBox::valueChanged, this, &CreateTopicPage::validate);
    connect(lossMethod_, &QComboBox::currentTextChanged, this, &CreateTopicPage::validate);

    auto* formBox = new QWidget(this);
    formBox->setMaximumWidth(760);
    auto* inner = new QVBoxLayout(formBox);
    inner->setContentsMargins(0, 0, 0, 0);
    inner->addLayout(form);
    inner->addWidget(problem_);
    inner->addWidget(cost_);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(review_);
    inner->addLayout(buttons);
    inner->addWidget(panel_);
    // Enter in any field reviews the topic, as Review does.
    setDefaultAction(formBox, [this] { review(); });
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(pageHeading(tr("Create a topic"), this));
    layout->addWidget(captionLabel(
        tr("A topic is a question the network answers each epoch: workers predict, reputers "
           "score them once the truth is known, and the chain combines the predictions."),
        this));
    layout->addSpacing(8);
    layout->addWidget(formBox);
    layout->addStretch(1);

    if (node_ != nullptr)
        connect(node_, &NodeModel::stateChanged, this, [this] {
            params_.reset();
            txFee_.reset();
            if (isVisible()) refresh();
        });
    validate();
}

void CreateTopicPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    refresh();
}

void CreateTopicPage::refresh() {
    auto api = node_ != nullptr ? node_->api() : nullptr;
    if (!api || refreshing_) {
        validate();
        return;
    }
    refreshing_ = true;
    runOnWorker(
        this, node_->queryPool(),
        [api] {
            Refreshed r;
            r.params = readEmissionsParams(*api);
            r.txFee = readMinFee(*api, kCreateTopicGas);
            return r;
        },
        [this](Refreshed r) {
            refreshing_ = false;
            if (r.params) params_ = *r.params;
            if (r.txFee) txFee_ = *r.txFee;
            validate();
        });
}

std::optional<::emissions::v9::CreateNewTopicRequest> CreateTopicPage::readForm(
    QString& problem) const {
    ::emissions::v9::CreateNewTopicRequest m;
    m.set_metadata(metadata_->text().trimmed().toStdString());
    m.set_loss_method(lossMethod_->currentText().trimmed().toStdString());
    m.set_epoch_length(epochLength_->value());
    m.set_ground_truth_lag(groundTruthLag_->value());
    m.set_worker_submission_window(submissionWindow_->value());
    m.set_p_norm(pNorm_->text().trimmed().toStdString());
    m.set_alpha_regret(alphaRegret_->text().trimmed().toStdString());
    m.set_allow_negative(allowNegative_->isChecked());
    m.set_epsilon(epsilon_->text().trimmed().toStdString());
    m.set_merit_sortition_alpha(meritSortitionAlpha_->text().trimmed().toStdString());
    m.set_active_inferer_quantile(infererQuantile_->text().trimmed().toStdString());
    m.set_active_forecaster_quantile(forecasterQuantile_->text().trimmed().toStdString());
    m.set_active_reputer_quantile(reputerQuantile_->text().trimmed().toStdString());
    if (m.metadata().empty()) {
        problem = tr("Describe what the topic predicts.");
        return {};
    }
    if (const std::string p = node::api::newTopicProblem(m); !p.empty()) {
        problem = tr("The chain would refuse this topic: %1.").arg(QString::fromStdString(p));
        return {};
    }
    if (params_) {
        if (m.epoch_length() < params_->min_epoch_length()) {
            problem = tr("The chain would refuse this topic: the epoch must be at least %1 "
                         "blocks.")
                          .arg(params_->min_epoch_length());
            return {};
        }
        const uint64_t maxLength = params_->max_string_length();
        if (maxLength > 0 &&
            (m.metadata().size() > maxLength || m.loss_method().size() > maxLength)) {
            problem = tr("The chain would refuse this topic: the description and the loss "
                         "method may be at most %1 bytes.")
                          .arg(maxLength);
            return {};
        }
    }
    const auto key = wallet_->activeKey();
    if (key) m.set_creator(key->address);
    return m;
}

void CreateTopicPage::validate() {
    QString problem;
    const bool ok = readForm(problem).has_value();
    problem_->setText(ok ? tr("The chain accepts these values.") : problem);
    review_->setEnabled(ok && params_ && txFee_ && !panel_->isBusy());
    if (!params_ || !txFee_) {
        cost_->setText(tr("The cost is known once the node is running."));
        return;
    }
    auto topicFee = Amount::parse(params_->create_topic_fee());
    cost_->setText(topicFee ? tr("Creating a topic costs %1 (the chain's topic fee, added to the "
                                 "topic's revenue) plus a transaction fee of %2.")
                                  .arg(formatAllo(*topicFee, true), formatAllo(*txFee_, true))
                            : QString::fromStdString(topicFee.message()));
}

void CreateTopicPage::review() {
    QString problem;
    auto m = readForm(problem);
    if (!m || !params_ || !txFee_) {
        panel_->showMessage(problem.isEmpty() ? tr("Wait for the node to report its fees.")
                                              : problem);
        return;
    }
    if (m->creator().empty()) {
        panel_->showMessage(tr("Open a wallet first."));
        return;
    }
    auto topicFee = Amount::parse(params_->create_topic_fee());
    if (!topicFee) {
        panel_->showMessage(QString::fromStdString(topicFee.message()));
        return;
    }
    TxSubmitter::Request request;
    request.messages.push_back(packMessage("/emissions.v9.CreateNewTopicRequest", *m));
    request.spend = *topicFee;
    request.fee = *txFee_;
    request.gas = kCreateTopicGas;
    panel_->review(
        tr("Create topic “%1” (loss %2, epoch %3 blocks), paying the topic fee of %4 "
           "and a transaction fee of %5.")
            .arg(QString::fromStdString(m->metadata()), QString::fromStdString(m->loss_method()))
            .arg(m->epoch_length())
            .arg(formatAllo(*topicFee, true), formatAllo(*txFee_, true)),
        std::move(request));
}

}  // namespace allora::ui
