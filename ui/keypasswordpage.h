// FirstRunWizard page: the key's name and the password that encrypts its keystore file.
// Rules: a name the keyring accepts (wallet::validateKeyName) and not yet taken; a password of at
// least 8 characters, typed twice. A strength hint helps, but does not block.
#pragma once

#include <QStringList>
#include <QWizardPage>

#include "core/bytes.h"

class QLabel;
class QLineEdit;

namespace allora::ui {

class KeyPasswordPage : public QWizardPage {
    Q_OBJECT

public:
    static constexpr int kMinPasswordLength = 8;

    explicit KeyPasswordPage(QWidget* parent = nullptr);

    // Names already in the keyring, refused here rather than after a second of Argon2id.
    void setExistingNames(const QStringList& names);
    // The Test keyring backend stores keys unencrypted: no password to ask for.
    void setPasswordRequired(bool required);

    QString keyName() const;
    SecureBytes password() const;
    // Empties both password fields.
    void clearPasswords();

    bool isComplete() const override;

private:
    void updateFeedback();
    QString nameProblem() const;
    QString passwordProblem() const;

    QLineEdit* nameEdit_;
    QLineEdit* passwordEdit_;
    QLineEdit* confirmEdit_;
    QLabel* passwordLabel_;
    QLabel* confirmLabel_;
    QLabel* strengthLabel_;
    QLabel* feedback_;
    QLabel* unencryptedNote_;
    QStringList existingNames_;
    bool passwordRequired_ = true;
};

}  // namespace allora::ui
