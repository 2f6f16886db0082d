// Last page of the FirstRunWizard: shows the key being stored (a busy indicator while the keyring
// runs Argon2id on the worker thread), then the new address, or what went wrong. The wizard drives
// it; the page only shows.
#pragma once

#include <QWizardPage>

class QLabel;
class QProgressBar;

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

private:
    void setState(State state);

    State state_ = State::Idle;
    QLabel* statusLabel_;
    QProgressBar* progress_;
    QLabel* addressLabel_;
    QLabel* errorLabel_;
};

}  // namespace allora::ui
