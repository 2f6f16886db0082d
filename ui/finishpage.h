// Last page of the FirstRunWizard: shows the key being stored (a busy indicator while the keyring
// runs Argon2id on the worker thread), then the new address, or what went wrong. The wizard drives
// it; the page only shows. Once the key is saved it offers the network to use next.
#pragma once

#include <QWizardPage>

class QGroupBox;
class QLabel;
class QProgressBar;
class QRadioButton;

namespace allora::ui {

class FinishPage : public QWizardPage {
    Q_OBJECT

public:
    enum class State { Idle, Saving, Done, Failed };

    explicit FinishPage(QWidget* parent = nullptr);

    State state() const { return state_; }
    void showSaving(bool restoring);
    void showDone(const QString& name, const QString& address);
    void showFailed(const QString& message);
    void reset();

    bool isComplete() const override { return state_ == State::Done; }
    // The network chosen for after the wizard: "Try a local network" (the default) or "Join a
    // network" (offered once peer-to-peer networking lands; disabled until then).
    bool tryLocalNetwork() const;

private:
    void setState(State state);

    State state_ = State::Idle;
    QLabel* statusLabel_;
    QProgressBar* progress_;
    QLabel* addressLabel_;
    QLabel* errorLabel_;
    QGroupBox* network_;
    QRadioButton* local_;
    QRadioButton* join_;
};

}  // namespace allora::ui
