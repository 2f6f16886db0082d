// Create path, after BackupPhrasePage: asks for three words of the phrase at random positions, so
// that a user who ticked "written down" without doing it finds out now rather than after a loss.
#pragma once

#include <QList>
#include <QWizardPage>
#include <memory>

#include "core/bytes.h"

class QLabel;
class QLineEdit;

namespace allora::ui {

class VerifyPhrasePage : public QWizardPage {
    Q_OBJECT

public:
    explicit VerifyPhrasePage(QWidget* parent = nullptr);

    // The phrase to check against; picks new positions and empties the fields. Each field is named
    // "verifyWordEditN" (N = 1..3) and carries the 1-based position it asks for in the dynamic
    // property "wordNumber".
    void setMnemonic(std::shared_ptr<const SecureBytes> mnemonic);
    // Empties the fields and forgets the phrase.
    void clear();

    bool isComplete() const override;

private:
    enum class Match { Yes, Prefix, No };
    Match match(int field) const;
    void updateFeedback();

    std::shared_ptr<const SecureBytes> mnemonic_;
    QList<QLabel*> labels_;
    QList<QLineEdit*> edits_;
    QList<int> positions_;  // 0-based word indexes, ascending
    QLabel* feedback_;
};

}  // namespace allora::ui
