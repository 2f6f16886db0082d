// Restore path of the FirstRunWizard: the user types or pastes a recovery phrase and sees at once
// what is wrong with it (word count, an unknown word, the checksum). Next stays disabled until the
// phrase is valid. Validation is one SHA-256 and a word-list lookup, cheap enough for the GUI
// thread; nothing here touches the disk or a KDF.
#pragma once

#include <QWizardPage>

#include "core/bytes.h"

class QLabel;
class QPlainTextEdit;

namespace allora::ui {

class RestorePhrasePage : public QWizardPage {
    Q_OBJECT

public:
    explicit RestorePhrasePage(QWidget* parent = nullptr);

    // The phrase as typed, normalised (lower case, single spaces).
    SecureBytes mnemonic() const;
    // Empties the text field (and its undo history).
    void clear();

    bool isComplete() const override;

private:
    void validateInput();

    QPlainTextEdit* edit_;
    QLabel* feedback_;
    bool valid_ = false;
};

}  // namespace allora::ui
