#include "ui/verifyphrasepage.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QVBoxLayout>
#include <algorithm>
#include <string_view>
#include <vector>

#include "ui/guiutil.h"

namespace allora::ui {

namespace {

constexpr int kFields = 3;

}  // namespace

VerifyPhrasePage::VerifyPhrasePage(QWidget* parent)
    : QWizardPage(parent), feedback_(new QLabel(this)) {
    setObjectName(QStringLiteral("verifyPhrasePage"));
    setTitle(tr("Check your recovery phrase"));
    setSubTitle(tr("Enter the words at these positions from what you wrote down."));

    auto* form = new QFormLayout;
    for (int i = 0; i < kFields; ++i) {
        auto* label = new QLabel(this);
        auto* edit = new QLineEdit(this);
        edit->setObjectName(QStringLiteral("verifyWordEdit%1").arg(i + 1));
        edit->setMaxLength(16);  // the longest BIP-39 English word has 8 letters
        edit->setAccessibleName(tr("Word to check"));
        label->setBuddy(edit);
        form->addRow(label, edit);
        labels_.append(label);
        edits_.append(edit);
        connect(edit, &QLineEdit::textChanged, this, [this] {
            updateFeedback();
            Q_EMIT completeChanged();
        });
    }
    feedback_->setObjectName(QStringLiteral("verifyFeedbackLabel"));
    feedback_->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(feedback_);
    layout->addStretch(1);
}

void VerifyPhrasePage::setMnemonic(std::shared_ptr<const SecureBytes> mnemonic) {
    clear();
    mnemonic_ = std::move(mnemonic);
    const int count = mnemonic_ ? static_cast<int>(splitWords(mnemonic_->view()).size()) : 0;
    if (count < kFields) return;

    // Not consensus code: the system generator is the right source for an unguessable choice.
    while (positions_.size() < kFields) {
        const int p = static_cast<int>(QRandomGenerator::system()->bounded(count));
        if (!positions_.contains(p)) positions_.append(p);
    }
    std::sort(positions_.begin(), positions_.end());
    for (int i = 0; i < kFields; ++i) {
        labels_[i]->setText(tr("Word #%1:").arg(positions_[i] + 1));
        edits_[i]->setAccessibleName(
            tr("Word number %1 of your recovery phrase").arg(positions_[i] + 1));
        edits_[i]->setProperty("wordNumber", positions_[i] + 1);
    }
    updateFeedback();
    Q_EMIT completeChanged();
}

void VerifyPhrasePage::clear() {
    for (QLineEdit* edit : edits_) {
        edit->clear();
        edit->setProperty("wordNumber", QVariant());
    }
    for (QLabel* label : labels_) label->clear();
    positions_.clear();
    mnemonic_.reset();
    feedback_->clear();
}

VerifyPhrasePage::Match VerifyPhrasePage::match(int field) const {
    if (!mnemonic_ || field >= positions_.size()) return Match::No;
    const auto words = splitWords(mnemonic_->view());
    const auto p = static_cast<size_t>(positions_[field]);
    if (p >= words.size()) return Match::No;
    QString typed = edits_[field]->text().trimmed().toLower();
    const SecureBytes typedBytes = toSecureBytes(typed);
    wipe(typed);
    if (typedBytes.view() == words[p]) return Match::Yes;
    return words[p].starts_with(typedBytes.view()) ? Match::Prefix : Match::No;
}

void VerifyPhrasePage::updateFeedback() {
    for (int i = 0; i < edits_.size(); ++i) {
        // A word still being typed is not wrong yet.
        if (match(i) != Match::No) continue;
        feedback_->setText(tr("Word #%1 does not match your recovery phrase yet. Check what you "
                              "wrote down, or go back to see the phrase again.")
                               .arg(positions_.value(i) + 1));
        return;
    }
    feedback_->clear();
}

bool VerifyPhrasePage::isComplete() const {
    if (positions_.size() != kFields) return false;
    for (int i = 0; i < kFields; ++i)
        if (match(i) != Match::Yes) return false;
    return true;
}

}  // namespace allora::ui
