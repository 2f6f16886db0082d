#include "ui/restorephrasepage.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>
#include <string_view>
#include <vector>

#include "ui/guiutil.h"
#include "wallet/bip39.h"

namespace allora::ui {

namespace {

constexpr int kWordListSize = 2048;

bool isValidWordCount(qsizetype n) {
    return n == 12 || n == 15 || n == 18 || n == 21 || n == 24;
}

bool isPrefixOfSomeWord(std::string_view prefix) {
    for (int i = 0; i < kWordListSize; ++i)
        if (wallet::bip39::word(i).starts_with(prefix)) return true;
    return false;
}

}  // namespace

RestorePhrasePage::RestorePhrasePage(QWidget* parent)
    : QWizardPage(parent), edit_(new QPlainTextEdit(this)), feedback_(new QLabel(this)) {
    setObjectName(QStringLiteral("restorePhrasePage"));
    setTitle(tr("Restore from recovery phrase"));
    setSubTitle(tr("Enter your 12 or 24 words in order, separated by spaces."));

    edit_->setObjectName(QStringLiteral("mnemonicEdit"));
    edit_->setTabChangesFocus(true);
    edit_->setUndoRedoEnabled(false);  // the undo stack would keep copies of the phrase
    edit_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit_->setPlaceholderText(tr("word1 word2 word3 …"));
    edit_->setAccessibleName(tr("Recovery phrase"));
    edit_->setInputMethodHints(Qt::ImhSensitiveData | Qt::ImhNoPredictiveText |
                               Qt::ImhNoAutoUppercase);
    feedback_->setObjectName(QStringLiteral("mnemonicFeedbackLabel"));
    feedback_->setWordWrap(true);

    // Room for 24 words on a few lines; the rest of the page stays free for the feedback.
    edit_->setMaximumHeight(edit_->fontMetrics().lineSpacing() * 7);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(edit_);
    layout->addWidget(feedback_);
    layout->addStretch(1);

    connect(edit_, &QPlainTextEdit::textChanged, this, &RestorePhrasePage::validateInput);
    validateInput();
}

SecureBytes RestorePhrasePage::mnemonic() const {
    QString text = edit_->toPlainText();
    SecureBytes raw = toSecureBytes(text);
    wipe(text);
    return wallet::bip39::normalize(raw.view());
}

void RestorePhrasePage::clear() {
    edit_->clear();
}

bool RestorePhrasePage::isComplete() const {
    return valid_;
}

void RestorePhrasePage::validateInput() {
    const bool wasValid = valid_;
    valid_ = false;

    QString text = edit_->toPlainText();
    // The last word is still being typed unless whitespace follows it.
    const bool lastWordFinished = text.isEmpty() || text.back().isSpace();
    const SecureBytes raw = toSecureBytes(text);
    wipe(text);
    const SecureBytes normalized = wallet::bip39::normalize(raw.view());
    const auto words = splitWords(normalized.view());
    const auto count = static_cast<qsizetype>(words.size());

    QString message;
    for (qsizetype i = 0; i < count && message.isEmpty(); ++i) {
        const std::string_view w = words[static_cast<size_t>(i)];
        if (wallet::bip39::wordIndex(w) >= 0) continue;
        const bool typing = i == count - 1 && !lastWordFinished;
        if (typing && isPrefixOfSomeWord(w)) continue;
        message = tr("Word %1 (“%2”) is not in the BIP-39 word list.")
                      .arg(i + 1)
                      .arg(QString::fromUtf8(w.data(), static_cast<qsizetype>(w.size())));
    }
    if (!message.isEmpty()) {
        // Already set: an unknown word.
    } else if (count == 0) {
        message = tr("Enter the words of your recovery phrase.");
    } else if (!isValidWordCount(count)) {
        message = tr("%n word(s) so far; a recovery phrase has 12, 15, 18, 21 or 24.", nullptr,
                     static_cast<int>(count));
    } else if (!wallet::bip39::validate(normalized.view())) {
        message = tr("The checksum does not match: a word is wrong or out of order.");
    } else {
        valid_ = true;
        message = tr("Valid recovery phrase of %n word(s).", nullptr, static_cast<int>(count));
    }
    feedback_->setText(message);
    if (valid_ != wasValid) Q_EMIT completeChanged();
}

}  // namespace allora::ui
