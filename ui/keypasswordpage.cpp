#include "ui/keypasswordpage.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>
#include <cmath>

#include "ui/guiutil.h"
#include "wallet/keyring.h"

namespace allora::ui {

namespace {

// A rough estimate in bits: length × log2(size of the character classes used). It over-rates
// dictionary words, so it only grades the hint; it never blocks a password.
double estimatedBits(const QString& password) {
    bool lower = false, upper = false, digit = false, symbol = false, other = false;
    for (const QChar c : password) {
        if (c.unicode() > 127)
            other = true;
        else if (c.isLower())
            lower = true;
        else if (c.isUpper())
            upper = true;
        else if (c.isDigit())
            digit = true;
        else
            symbol = true;
    }
    const int pool = (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (symbol ? 33 : 0) +
                     (other ? 100 : 0);
    return pool > 0 ? static_cast<double>(password.size()) * std::log2(pool) : 0.0;
}

}  // namespace

KeyPasswordPage::KeyPasswordPage(QWidget* parent)
    : QWizardPage(parent),
      nameEdit_(new QLineEdit(QStringLiteral("default"), this)),
      passwordEdit_(new QLineEdit(this)),
      confirmEdit_(new QLineEdit(this)),
      passwordLabel_(new QLabel(tr("&Password:"), this)),
      confirmLabel_(new QLabel(tr("&Repeat password:"), this)),
      strengthLabel_(new QLabel(this)),
      feedback_(new QLabel(this)),
      unencryptedNote_(new QLabel(this)) {
    setObjectName(QStringLiteral("keyPasswordPage"));
    setTitle(tr("Name and password"));
    setSubTitle(
        tr("The password encrypts your key on this computer. You will need it to send "
           "funds; your recovery phrase is the way back if you forget it."));

    nameEdit_->setObjectName(QStringLiteral("keyNameEdit"));
    nameEdit_->setMaxLength(64);
    passwordEdit_->setObjectName(QStringLiteral("passwordEdit"));
    passwordEdit_->setEchoMode(QLineEdit::Password);
    confirmEdit_->setObjectName(QStringLiteral("passwordConfirmEdit"));
    confirmEdit_->setEchoMode(QLineEdit::Password);
    for (QLineEdit* e : {passwordEdit_, confirmEdit_})
        e->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText |
                               Qt::ImhNoAutoUppercase);
    strengthLabel_->setObjectName(QStringLiteral("passwordStrengthLabel"));
    feedback_->setObjectName(QStringLiteral("passwordFeedbackLabel"));
    feedback_->setWordWrap(true);
    unencryptedNote_->setObjectName(QStringLiteral("unencryptedNoteLabel"));
    unencryptedNote_->setWordWrap(true);
    unencryptedNote_->setText(
        tr("This wallet uses the test keyring: keys are stored unencrypted, "
           "for development networks only. No password is needed."));
    unencryptedNote_->hide();

    auto* nameLabel = new QLabel(tr("&Key name:"), this);
    nameLabel->setBuddy(nameEdit_);
    passwordLabel_->setBuddy(passwordEdit_);
    confirmLabel_->setBuddy(confirmEdit_);

    auto* form = new QFormLayout;
    form->addRow(nameLabel, nameEdit_);
    form->addRow(passwordLabel_, passwordEdit_);
    form->addRow(confirmLabel_, confirmEdit_);
    form->addRow(QString(), strengthLabel_);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(unencryptedNote_);
    layout->addWidget(feedback_);
    layout->addStretch(1);

    for (QLineEdit* e : {nameEdit_, passwordEdit_, confirmEdit_}) {
        connect(e, &QLineEdit::textChanged, this, [this] {
            updateFeedback();
            Q_EMIT completeChanged();
        });
    }
    updateFeedback();
}

void KeyPasswordPage::setExistingNames(const QStringList& names) {
    existingNames_ = names;
    // Offer a free name rather than a default that is refused.
    if (existingNames_.contains(nameEdit_->text())) {
        QString candidate;
        for (int i = 2; candidate.isEmpty() || existingNames_.contains(candidate); ++i)
            candidate = QStringLiteral("wallet%1").arg(i);
        nameEdit_->setText(candidate);
    }
    updateFeedback();
    Q_EMIT completeChanged();
}

void KeyPasswordPage::setPasswordRequired(bool required) {
    passwordRequired_ = required;
    for (QWidget* w : std::initializer_list<QWidget*>{passwordLabel_, passwordEdit_, confirmLabel_,
                                                      confirmEdit_, strengthLabel_})
        w->setVisible(required);
    unencryptedNote_->setVisible(!required);
    updateFeedback();
    Q_EMIT completeChanged();
}

QString KeyPasswordPage::keyName() const {
    return nameEdit_->text();
}

SecureBytes KeyPasswordPage::password() const {
    if (!passwordRequired_) return {};
    return toSecureBytes(passwordEdit_->text());
}

void KeyPasswordPage::clearPasswords() {
    passwordEdit_->clear();
    confirmEdit_->clear();
}

QString KeyPasswordPage::nameProblem() const {
    const QString name = nameEdit_->text();
    if (name.isEmpty()) return tr("Enter a name for the key.");
    if (!wallet::validateKeyName(name.toStdString()))
        return tr(
            "A key name has 1 to 64 letters, digits, dots, dashes or underscores, and does "
            "not start with a dot.");
    if (existingNames_.contains(name)) return tr("A key named “%1” already exists.").arg(name);
    return {};
}

QString KeyPasswordPage::passwordProblem() const {
    if (!passwordRequired_) return {};
    const QString password = passwordEdit_->text();
    if (password.size() < kMinPasswordLength)
        return tr("The password needs at least %n character(s).", nullptr, kMinPasswordLength);
    if (confirmEdit_->text() != password) return tr("The passwords do not match.");
    return {};
}

void KeyPasswordPage::updateFeedback() {
    QString problem = nameProblem();
    // Complain about the password only once the user has got to it.
    if (problem.isEmpty() && !passwordEdit_->text().isEmpty()) problem = passwordProblem();
    feedback_->setText(problem);

    const QString password = passwordEdit_->text();
    if (password.isEmpty()) {
        strengthLabel_->setText(tr("Use a long password: several unrelated words work well."));
        return;
    }
    const double bits = estimatedBits(password);
    QString grade;
    if (bits < 40)
        grade = tr("weak");
    else if (bits < 60)
        grade = tr("fair");
    else if (bits < 80)
        grade = tr("good");
    else
        grade = tr("strong");
    strengthLabel_->setText(tr("Strength: %1").arg(grade));
}

bool KeyPasswordPage::isComplete() const {
    return nameProblem().isEmpty() && passwordProblem().isEmpty();
}

}  // namespace allora::ui
