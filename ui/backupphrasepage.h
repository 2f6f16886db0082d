// Create path of the FirstRunWizard: shows a freshly generated recovery phrase and asks the user to
// confirm it has been written down. The page only shows; the wizard generates (off the GUI thread)
// and hands the phrase in.
#pragma once

#include <QWizardPage>

#include "core/bytes.h"

class QCheckBox;
class QLabel;
class QProgressBar;

namespace allora::ui {

class MnemonicView;

class BackupPhrasePage : public QWizardPage {
    Q_OBJECT

public:
    explicit BackupPhrasePage(QWidget* parent = nullptr);

    // While generating: a busy indicator instead of the words.
    void setGenerating(bool generating);
    void setMnemonic(const SecureBytes& mnemonic);
    void setError(const QString& message);
    // Removes the words and unticks the confirmation.
    void clearMnemonic();

    bool isComplete() const override;

private:
    MnemonicView* view_;
    QProgressBar* progress_;
    QLabel* statusLabel_;
    QCheckBox* confirmCheck_;
};

}  // namespace allora::ui
