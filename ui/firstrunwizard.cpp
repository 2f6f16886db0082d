#include "ui/firstrunwizard.h"

#include <QAbstractButton>
#include <QIcon>

#include "ui/backupphrasepage.h"
#include "ui/finishpage.h"
#include "ui/keypasswordpage.h"
#include "ui/restorephrasepage.h"
#include "ui/verifyphrasepage.h"
#include "ui/walletmodel.h"
#include "ui/welcomepage.h"

namespace allora::ui {

FirstRunWizard::FirstRunWizard(WalletModel* model, QWidget* parent)
    : QWizard(parent),
      model_(model),
      welcome_(new WelcomePage(this)),
      backup_(new BackupPhrasePage(this)),
      verify_(new VerifyPhrasePage(this)),
      restore_(new RestorePhrasePage(this)),
      password_(new KeyPasswordPage(this)),
      finish_(new FinishPage(this)) {
    setObjectName(QStringLiteral("firstRunWizard"));
    setWindowTitle(tr("Set up your Allora wallet"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::NoBackButtonOnStartPage);
    setMinimumSize(640, 500);
    // The header's logo; its size follows the font so that it suits HiDPI screens too.
    const int logo = fontMetrics().height() * 3;
    setPixmap(QWizard::LogoPixmap,
              QIcon(QStringLiteral(":/icons/allora.svg")).pixmap(QSize(logo, logo)));

    setPage(WelcomeId, welcome_);
    setPage(BackupPhraseId, backup_);
    setPage(VerifyPhraseId, verify_);
    setPage(RestorePhraseId, restore_);
    setPage(KeyPasswordId, password_);
    setPage(FinishId, finish_);
    setStartId(WelcomeId);

    // QWizard recomputes its buttons when a page's completeness changes and after each page
    // switch (currentIdChanged comes last); these connections run after its own, so the busy
    // rule wins.
    for (QWizardPage* p : std::initializer_list<QWizardPage*>{welcome_, backup_, verify_, restore_,
                                                              password_, finish_})
        connect(p, &QWizardPage::completeChanged, this, &FirstRunWizard::applyButtonRules);
    connect(this, &QWizard::currentIdChanged, this, &FirstRunWizard::applyButtonRules);

    connect(model_, &WalletModel::mnemonicGenerated, this, &FirstRunWizard::onMnemonicGenerated);
    connect(model_, &WalletModel::keyAdded, this, &FirstRunWizard::onKeyAdded);
    connect(model_, &WalletModel::keyAddFailed, this, &FirstRunWizard::onKeyAddFailed);
    connect(model_, &WalletModel::operationFailed, this, &FirstRunWizard::onOperationFailed);
}

FirstRunWizard::~FirstRunWizard() {
    clearSecrets();
}

int FirstRunWizard::nextId() const {
    switch (currentId()) {
        case WelcomeId:
            return welcome_->restoreChosen() ? RestorePhraseId : BackupPhraseId;
        case BackupPhraseId:
            return VerifyPhraseId;
        case VerifyPhraseId:
        case RestorePhraseId:
            return KeyPasswordId;
        case KeyPasswordId:
            return FinishId;
        default:
            return -1;
    }
}

void FirstRunWizard::initializePage(int id) {
    switch (id) {
        case BackupPhraseId:
            if (!generated_) startGenerating();
            break;
        case VerifyPhraseId:
            verify_->setMnemonic(generated_);
            break;
        case KeyPasswordId: {
            QStringList names;
            for (const auto& k : model_->keys()) names.append(QString::fromStdString(k.name));
            password_->setExistingNames(names);
            password_->setPasswordRequired(model_->backend() == wallet::KeyringBackend::File);
            break;
        }
        case FinishId:
            startSaving();
            break;
        default:
            break;
    }
}

void FirstRunWizard::cleanupPage(int id) {
    // Called when the user goes back from page `id`: forget what that page held.
    switch (id) {
        case BackupPhraseId:  // back to Welcome: the next "create" gets a new phrase
            backup_->clearMnemonic();
            generated_.reset();
            break;
        case VerifyPhraseId:
            verify_->clear();
            break;
        case RestorePhraseId:
            restore_->clear();
            break;
        case KeyPasswordId:
            password_->clearPasswords();
            break;
        case FinishId:
            finish_->reset();
            break;
        default:
            break;
    }
}

void FirstRunWizard::startGenerating() {
    job_ = Job::Generate;
    backup_->setGenerating(true);
    setBusy(true);
    model_->generateMnemonic(24);
}

void FirstRunWizard::onMnemonicGenerated(std::shared_ptr<const SecureBytes> mnemonic) {
    if (job_ != Job::Generate) return;
    job_ = Job::None;
    generated_ = std::move(mnemonic);
    backup_->setGenerating(false);
    backup_->setMnemonic(*generated_);
    setBusy(false);
}

void FirstRunWizard::startSaving() {
    const bool restoring = welcome_->restoreChosen();
    auto mnemonic =
        restoring ? std::make_shared<const SecureBytes>(restore_->mnemonic()) : generated_;
    auto password = std::make_shared<const SecureBytes>(password_->password());
    job_ = Job::Save;
    finish_->showSaving(restoring);
    setBusy(true);
    model_->addKey(password_->keyName(), std::move(mnemonic), std::move(password));
}

void FirstRunWizard::onKeyAdded(const wallet::KeyInfo& key) {
    if (job_ != Job::Save) return;
    job_ = Job::None;
    saved_ = true;
    // The phrase and password did their job; nothing on screen needs them any more.
    clearSecrets();
    finish_->showDone(QString::fromStdString(key.name), QString::fromStdString(key.address));
    setBusy(false);
    Q_EMIT keyCreated(key);
}

void FirstRunWizard::onKeyAddFailed(ErrorCode code, const QString& message) {
    if (job_ != Job::Save) return;
    job_ = Job::None;
    QString text;
    switch (code) {
        case ErrorCode::AlreadyExists:
            text = tr("A key named “%1” already exists. Go back and choose another name.")
                       .arg(password_->keyName());
            break;
        case ErrorCode::InvalidArgument:
            text = tr("%1\nGo back and correct it.").arg(message);
            break;
        default:
            text = tr("The key could not be saved: %1").arg(message);
            break;
    }
    finish_->showFailed(text);
    setBusy(false);
}

void FirstRunWizard::onOperationFailed(const QString& message) {
    if (job_ != Job::Generate) return;
    job_ = Job::None;
    backup_->setGenerating(false);
    backup_->setError(message);
    setBusy(false);
}

void FirstRunWizard::setBusy(bool busy) {
    busy_ = busy;
    // Let QWizard recompute the buttons from the page's state, then apply our rules on top.
    if (QWizardPage* page = currentPage()) Q_EMIT page->completeChanged();
    applyButtonRules();
}

void FirstRunWizard::applyButtonRules() {
    if (busy_) {
        for (WizardButton b : {BackButton, NextButton, FinishButton, CancelButton})
            button(b)->setEnabled(false);
        return;
    }
    // Once saved there is nothing to go back to or cancel: the key exists.
    button(CancelButton)->setEnabled(!saved_);
    if (saved_) button(BackButton)->setEnabled(false);
}

void FirstRunWizard::reject() {
    if (busy_) return;  // a keyring write cannot be interrupted half-way; wait for it
    if (saved_) {
        accept();
        return;
    }
    QWizard::reject();
}

bool FirstRunWizard::tryLocalNetwork() const {
    return finish_->tryLocalNetwork();
}

void FirstRunWizard::done(int result) {
    clearSecrets();
    const bool local = saved_ && result == Accepted && tryLocalNetwork();
    QWizard::done(result);
    if (local) Q_EMIT localNetworkChosen();
}

void FirstRunWizard::clearSecrets() {
    backup_->clearMnemonic();
    verify_->clear();
    restore_->clear();
    password_->clearPasswords();
    generated_.reset();
}

}  // namespace allora::ui
