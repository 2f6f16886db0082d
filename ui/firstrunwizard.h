// FirstRunWizard: creates a wallet (a new recovery phrase) or restores one (a phrase the user
// already has), then stores it in the keyring through the WalletModel.
//
//   Welcome ─┬─ create:  BackupPhrase → VerifyPhrase ─┬─ KeyPassword → Finish
//            └─ restore: RestorePhrase ───────────────┘
//
// Generating the phrase and storing the key run on the model's worker thread; while one runs the
// wizard is "busy": the page shows a busy indicator and Back/Next/Finish/Cancel are disabled.
// Secrets (the phrase, the password) are dropped from the widgets when the wizard closes, however
// it closes, and as soon as the key is saved.
#pragma once

#include <QWizard>
#include <memory>

#include "core/bytes.h"
#include "core/result.h"
#include "wallet/keyring.h"

namespace allora::ui {

class BackupPhrasePage;
class FinishPage;
class KeyPasswordPage;
class RestorePhrasePage;
class VerifyPhrasePage;
class WalletModel;
class WelcomePage;

class FirstRunWizard : public QWizard {
    Q_OBJECT

public:
    enum PageId {
        WelcomeId,
        BackupPhraseId,
        VerifyPhraseId,
        RestorePhraseId,
        KeyPasswordId,
        FinishId
    };

    // The model must be open and outlive the wizard.
    explicit FirstRunWizard(WalletModel* model, QWidget* parent = nullptr);
    ~FirstRunWizard() override;

    bool isBusy() const { return busy_; }
    // Whether the user chose "Try a local network" on the last page (the default).
    bool tryLocalNetwork() const;

    int nextId() const override;
    void initializePage(int id) override;
    void cleanupPage(int id) override;

public Q_SLOTS:
    void done(int result) override;
    void reject() override;

Q_SIGNALS:
    // The key is in the keyring (emitted once, before the user clicks Finish).
    void keyCreated(const allora::wallet::KeyInfo& key);
    // Finished with a key saved and "Try a local network" chosen: the window creates it.
    void localNetworkChosen();

private:
    enum class Job { None, Generate, Save };

    void startGenerating();
    void startSaving();
    void onMnemonicGenerated(std::shared_ptr<const SecureBytes> mnemonic);
    void onKeyAdded(const wallet::KeyInfo& key);
    void onKeyAddFailed(ErrorCode code, const QString& message);
    void onOperationFailed(const QString& message);
    void setBusy(bool busy);
    // Re-applies what QWizard's own button logic does not know about (busy, already saved).
    void applyButtonRules();
    void clearSecrets();

    WalletModel* model_;
    WelcomePage* welcome_;
    BackupPhrasePage* backup_;
    VerifyPhrasePage* verify_;
    RestorePhrasePage* restore_;
    KeyPasswordPage* password_;
    FinishPage* finish_;

    std::shared_ptr<const SecureBytes> generated_;
    Job job_ = Job::None;
    bool busy_ = false;
    bool saved_ = false;
};

}  // namespace allora::ui
