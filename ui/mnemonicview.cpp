#include "ui/mnemonicview.h"

#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <string_view>

#include "ui/guiutil.h"

namespace allora::ui {

namespace {
// Four columns read left to right, row by row: 24 words make six rows, 12 words three.
constexpr int kColumns = 4;
}  // namespace

MnemonicView::MnemonicView(QWidget* parent) : QWidget(parent), grid_(new QGridLayout(this)) {
    grid_->setContentsMargins(0, 0, 0, 0);
    grid_->setHorizontalSpacing(18);
    grid_->setVerticalSpacing(6);
    setAccessibleName(tr("Recovery phrase"));
}

void MnemonicView::clear() {
    // Deleted now rather than later, so that no stale word is found or painted afterwards.
    for (QLabel* label : labels_) label->clear();
    labels_.clear();
    while (QLayoutItem* item = grid_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

int MnemonicView::wordCount() const {
    return static_cast<int>(labels_.size());
}

void MnemonicView::setMnemonic(const SecureBytes& mnemonic) {
    clear();
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    int index = 0;
    for (const std::string_view word : splitWords(mnemonic.view())) {
        const int row = index / kColumns;
        const int column = (index % kColumns) * 2;
        ++index;

        auto* number = new QLabel(tr("%1.").arg(index), this);
        number->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        number->setForegroundRole(QPalette::PlaceholderText);
        number->setFont(fixed);

        auto* label = new QLabel(this);
        label->setObjectName(QStringLiteral("mnemonicWord%1").arg(index));
        label->setFont(fixed);
        label->setTextInteractionFlags(Qt::NoTextInteraction);
        QString text = QString::fromUtf8(word.data(), static_cast<qsizetype>(word.size()));
        label->setText(text);
        wipe(text);

        grid_->addWidget(number, row, column);
        grid_->addWidget(label, row, column + 1);
        labels_.append(label);
    }
    for (int c = 0; c < kColumns; ++c) grid_->setColumnStretch(c * 2 + 1, 1);
}

}  // namespace allora::ui
