// MnemonicView: a recovery phrase as a read-only grid of numbered words, the way a user copies it
// onto paper. The words are not selectable: the phrase belongs on paper, not on the clipboard.
#pragma once

#include <QWidget>

#include "core/bytes.h"

class QGridLayout;
class QLabel;

namespace allora::ui {

class MnemonicView : public QWidget {
    Q_OBJECT

public:
    explicit MnemonicView(QWidget* parent = nullptr);

    // Shows the words of a normalised mnemonic (single spaces). Each word's label is named
    // "mnemonicWordN" (N from 1) so that tests can read it.
    void setMnemonic(const SecureBytes& mnemonic);
    // Removes the words from the widgets.
    void clear();
    int wordCount() const;

private:
    QGridLayout* grid_;
    QList<QLabel*> labels_;
};

}  // namespace allora::ui
