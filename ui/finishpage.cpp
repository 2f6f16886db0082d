#include "ui/finishpage.h"

#include <QFontDatabase>
#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QRadioButton>
#include <QVBoxLayout>

namespace allora::ui {

FinishPage::FinishPage(QWidget* parent)
    : QWizardPage(parent),
      statusLabel_(new QLabel(this)),
      progress_(new QProgressBar(this)),
      addressLabel_(new QLabel(this)),
      errorLabel_(new QLabel(this)) {
    setObjectName(QStringLiteral("finishPage"));
    setTitle(tr("Saving your key"));
    setSubTitle(tr("Your key is encrypted with your password and saved on this computer."));

    statusLabel_->setObjectName(QStringLiteral("finishStatusLabel"));
    statusLabel_->setWordWrap(true);
    progress_->setObjectName(QStringLiteral("saveProgress"));
    progress_->setRange(0, 0);  // busy indicator: Argon2id gives no progress to report
    progress_->setTextVisible(false);
    addressLabel_->setObjectName(QStringLiteral("resultAddressLabel"));
    addressLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse |
                                           Qt::TextSelectableByKeyboard);
    addressLabel_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    addressLabel_->setWordWrap(true);
    errorLabel_->setObjectName(QStringLiteral("finishErrorLabel"));
    errorLabel_->setWordWrap(true);
    errorLabel_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    network_ = new QGroupBox(tr("Next"), this);
    network_->setObjectName(QStringLiteral("networkChoiceBox"));
    local_ = new QRadioButton(tr("&Try a local network: a one-computer network with demo topics "
                                 "and their workers, your account funded"),
                              network_);
    local_->setObjectName(QStringLiteral("tryLocalNetworkRadio"));
    local_->setChecked(true);
    join_ = new QRadioButton(tr("&Join a network (available once peer-to-peer networking is "
                                "built)"),
                             network_);
    join_->setObjectName(QStringLiteral("joinNetworkRadio"));
    join_->setEnabled(false);
    auto* choice = new QVBoxLayout(network_);
    choice->addWidget(local_);
    choice->addWidget(join_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(statusLabel_);
    layout->addWidget(progress_);
    layout->addSpacing(8);
    layout->addWidget(addressLabel_);
    layout->addWidget(errorLabel_);
    layout->addWidget(network_);
    layout->addStretch(1);
    reset();
}

void FinishPage::setState(State state) {
    const bool wasComplete = isComplete();
    state_ = state;
    progress_->setVisible(state == State::Saving);
    addressLabel_->setVisible(state == State::Done);
    errorLabel_->setVisible(state == State::Failed);
    network_->setVisible(state == State::Done);
    if (isComplete() != wasComplete) Q_EMIT completeChanged();
}

bool FinishPage::tryLocalNetwork() const {
    return local_->isChecked();
}

void FinishPage::reset() {
    statusLabel_->clear();
    addressLabel_->clear();
    errorLabel_->clear();
    setState(State::Idle);
}

void FinishPage::showSaving(bool restoring) {
    setTitle(restoring ? tr("Restoring your wallet") : tr("Creating your wallet"));
    setSubTitle(tr("Your key is encrypted with your password and saved on this computer."));
    statusLabel_->setText(tr("Encrypting your key and saving it. This takes a moment…"));
    addressLabel_->clear();
    errorLabel_->clear();
    setState(State::Saving);
}

void FinishPage::showDone(const QString& name, const QString& address) {
    setTitle(tr("Your wallet is ready"));
    setSubTitle(tr("Keep your recovery phrase safe: it restores this wallet on any device."));
    statusLabel_->setText(tr("The key “%1” is saved. This is your address; share it to receive "
                             "ALLO:")
                              .arg(name));
    addressLabel_->setText(address);
    setState(State::Done);
}

void FinishPage::showFailed(const QString& message) {
    setTitle(tr("The key was not saved"));
    setSubTitle(tr("Go back to correct what is wrong, then try again."));
    statusLabel_->clear();
    errorLabel_->setText(message);
    setState(State::Failed);
}

}  // namespace allora::ui
