#include "ui/txpanel.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/guiutil.h"
#include "ui/walletmodel.h"

namespace allora::ui {

TxPanel::TxPanel(const QString& prefix, const QString& signLabel, WalletModel* wallet,
                 NodeModel* node, QWidget* parent)
    : QWidget(parent), submitter_(new TxSubmitter(wallet, node, this)) {
    setObjectName(prefix + QStringLiteral("TxPanel"));
    auto named = [&prefix](QWidget* w, const char* name) {
        w->setObjectName(prefix + QLatin1String(name));
    };
    message_ = new QLabel(this);
    named(message_, "MessageLabel");
    message_->setWordWrap(true);
    message_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    confirmBox_ = new QGroupBox(tr("Confirm"), this);
    named(confirmBox_, "ConfirmBox");
    summary_ = new QLabel(confirmBox_);
    named(summary_, "SummaryLabel");
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    password_ = new QLineEdit(confirmBox_);
    named(password_, "PasswordEdit");
    password_->setEchoMode(QLineEdit::Password);
    password_->setAccessibleName(tr("Password of the key"));
    confirmButton_ = new QPushButton(signLabel, confirmBox_);
    named(confirmButton_, "ConfirmButton");
    // No mnemonic: Escape cancels, and the pages' own letters stay free.
    cancelButton_ = new QPushButton(tr("Cancel"), confirmBox_);
    named(cancelButton_, "CancelButton");
    cancelButton_->setToolTip(tr("Cancel (Esc)"));
    // Enter on a focused button clicks it, as in a dialog.
    confirmButton_->setAutoDefault(true);
    cancelButton_->setAutoDefault(true);
    connect(confirmButton_, &QPushButton::clicked, this, &TxPanel::confirm);
    connect(password_, &QLineEdit::returnPressed, this, &TxPanel::confirm);
    connect(cancelButton_, &QPushButton::clicked, this, &TxPanel::cancel);
    auto* confirmLayout = new QFormLayout(confirmBox_);
    confirmLayout->addRow(summary_);
    auto* passwordLabel = new QLabel(tr("Passw&ord:"), confirmBox_);
    passwordLabel->setBuddy(password_);
    confirmLayout->addRow(passwordLabel, password_);
    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(cancelButton_);
    buttons->addWidget(confirmButton_);
    confirmLayout->addRow(buttons);
    // Tab follows the buttons as they are drawn: Cancel, then Sign.
    setTabOrder(password_, cancelButton_);
    setTabOrder(cancelButton_, confirmButton_);
    confirmBox_->hide();

    txHash_ = new QLabel(this);
    named(txHash_, "TxHashLabel");
    txHash_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    txHash_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    txHash_->setWordWrap(true);
    txStatus_ = new QLabel(this);
    named(txStatus_, "TxStatusLabel");
    txStatus_->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(message_);
    layout->addWidget(confirmBox_);
    layout->addWidget(txHash_);
    layout->addWidget(txStatus_);

    connect(submitter_, &TxSubmitter::busyChanged, this, &TxPanel::setBusy);
    connect(submitter_, &TxSubmitter::progress, message_, &QLabel::setText);
    connect(submitter_, &TxSubmitter::failed, this, [this](const QString& text) {
        showMessage(text);
        Q_EMIT message(text);
    });
    connect(submitter_, &TxSubmitter::broadcasted, this, [this](const QString& hash) {
        confirmBox_->hide();
        request_.reset();
        message_->clear();
        txHash_->setText(tr("Transaction %1").arg(hash));
        txStatus_->setText(tr("Sent; waiting for the next block…"));
    });
    connect(submitter_, &TxSubmitter::notIncluded, this, [this] {
        txStatus_->setText(tr("Not in a block yet; the history page shows it once it is."));
    });
    connect(submitter_, &TxSubmitter::included, this, [this](const TxOutcome& r) {
        if (r.code == 0) {
            txStatus_->setText(tr("Included in block %1.").arg(r.height));
        } else {
            txStatus_->setText(
                tr("Failed in block %1: %2").arg(r.height).arg(QString::fromStdString(r.log)));
            Q_EMIT message(txStatus_->text());
        }
        Q_EMIT included(r);
    });
    connect(wallet, &WalletModel::locked, this, [this] {
        clearPassword();
        if (!isBusy()) cancel();
    });
}

void TxPanel::review(const QString& summary, TxSubmitter::Request request) {
    if (isBusy()) return;
    message_->clear();
    request_ = std::move(request);
    summary_->setText(summary);
    confirmBox_->show();
    password_->setFocus();
}

void TxPanel::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
        case Qt::Key_Escape:
            if (confirmBox_->isVisible() && !isBusy()) {
                cancel();
                event->accept();
                return;
            }
            break;
        case Qt::Key_Return:
        case Qt::Key_Enter:
            if (confirmBox_->isVisible()) {
                event->accept();
                return;
            }
            break;
        default:
            break;
    }
    QWidget::keyPressEvent(event);
}

void TxPanel::showMessage(const QString& text) {
    message_->setText(text);
}

void TxPanel::cancel() {
    clearPassword();
    confirmBox_->hide();
    request_.reset();
}

void TxPanel::clearPassword() {
    QString p = password_->text();
    password_->clear();
    wipe(p);
}

void TxPanel::setBusy(bool busy) {
    for (QWidget* w : std::initializer_list<QWidget*>{confirmButton_, cancelButton_, password_})
        w->setEnabled(!busy);
    Q_EMIT busyChanged(busy);
}

void TxPanel::confirm() {
    if (isBusy() || !request_) return;
    auto password = std::make_shared<const SecureBytes>(toSecureBytes(password_->text()));
    clearPassword();
    txHash_->clear();
    txStatus_->clear();
    submitter_->submit(*request_, std::move(password));
}

}  // namespace allora::ui
