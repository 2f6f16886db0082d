#include "ui/backupphrasepage.h"

#include <QCheckBox>
#include <QFrame>
#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

#include "ui/mnemonicview.h"

namespace allora::ui {

BackupPhrasePage::BackupPhrasePage(QWidget* parent)
    : QWizardPage(parent),
      view_(new MnemonicView(this)),
      progress_(new QProgressBar(this)),
      statusLabel_(new QLabel(this)),
      confirmCheck_(new QCheckBox(tr("I have &written down my recovery phrase"), this)) {
    setObjectName(QStringLiteral("backupPhrasePage"));
    setTitle(tr("Your recovery phrase"));
    setSubTitle(
        tr("Write these words down on paper, in order, and keep them somewhere safe. "
           "Anyone who has them can spend your funds, and without them a forgotten "
           "password cannot be recovered."));

    view_->setObjectName(QStringLiteral("mnemonicView"));
    progress_->setObjectName(QStringLiteral("generateProgress"));
    progress_->setRange(0, 0);  // busy indicator
    progress_->setTextVisible(false);
    progress_->hide();
    statusLabel_->setObjectName(QStringLiteral("generateStatusLabel"));
    statusLabel_->setWordWrap(true);
    confirmCheck_->setObjectName(QStringLiteral("backupConfirmCheck"));

    // The phrase sits in a framed panel so that it reads as one thing to copy.
    auto* panel = new QFrame(this);
    panel->setFrameShape(QFrame::StyledPanel);
    panel->setBackgroundRole(QPalette::Base);
    panel->setAutoFillBackground(true);
    auto* panelLayout = new QVBoxLayout(panel);
    panelLayout->setContentsMargins(16, 12, 16, 12);
    panelLayout->addWidget(view_);
    panelLayout->addWidget(statusLabel_);
    panelLayout->addWidget(progress_);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(panel);
    layout->addSpacing(8);
    layout->addWidget(confirmCheck_);
    layout->addStretch(1);

    connect(confirmCheck_, &QCheckBox::toggled, this, &QWizardPage::completeChanged);
}

void BackupPhrasePage::setGenerating(bool generating) {
    progress_->setVisible(generating);
    statusLabel_->setVisible(generating);
    if (generating) statusLabel_->setText(tr("Generating a new recovery phrase…"));
    confirmCheck_->setEnabled(!generating);
}

void BackupPhrasePage::setMnemonic(const SecureBytes& mnemonic) {
    view_->setMnemonic(mnemonic);
    statusLabel_->hide();
    Q_EMIT completeChanged();
}

void BackupPhrasePage::setError(const QString& message) {
    statusLabel_->setText(tr("Could not generate a recovery phrase: %1").arg(message));
    statusLabel_->show();
    confirmCheck_->setEnabled(false);
}

void BackupPhrasePage::clearMnemonic() {
    view_->clear();
    confirmCheck_->setChecked(false);
    Q_EMIT completeChanged();
}

bool BackupPhrasePage::isComplete() const {
    return view_->wordCount() > 0 && confirmCheck_->isChecked();
}

}  // namespace allora::ui
