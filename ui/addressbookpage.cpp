#include "ui/addressbookpage.h"

#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/addressbookmodel.h"
#include "ui/pageutil.h"

namespace allora::ui {

AddressBookPage::AddressBookPage(AddressBookModel* book, QWidget* parent)
    : QWidget(parent), book_(book) {
    setObjectName(QStringLiteral("addressBookPage"));
    auto* title = pageHeading(tr("Address book"), this);

    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("addressBookTable"));
    table_->setAccessibleName(tr("Addresses"));
    table_->setModel(book_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    // 31 characters of the table's font: large fonts widen it too.
    table_->setColumnWidth(AddressBookModel::LabelColumn,
                           31 * table_->fontMetrics().averageCharWidth());

    label_ = new QLineEdit(this);
    label_->setObjectName(QStringLiteral("addressBookLabelEdit"));
    label_->setAccessibleName(tr("Label"));
    address_ = new QLineEdit(this);
    address_->setObjectName(QStringLiteral("addressBookAddressEdit"));
    address_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    address_->setPlaceholderText(QStringLiteral("allo1…"));
    address_->setAccessibleName(tr("Address"));
    auto* addButton = new QPushButton(tr("&Add or relabel"), this);
    addButton->setObjectName(QStringLiteral("addAddressButton"));
    connect(addButton, &QPushButton::clicked, this, &AddressBookPage::add);
    // Enter in either field saves the entry, as the button does.
    connect(label_, &QLineEdit::returnPressed, this, &AddressBookPage::add);
    connect(address_, &QLineEdit::returnPressed, this, &AddressBookPage::add);
    auto* removeButton = new QPushButton(tr("&Remove"), this);
    removeButton->setObjectName(QStringLiteral("removeAddressButton"));
    connect(removeButton, &QPushButton::clicked, this, &AddressBookPage::removeSelected);
    auto* sendButton = new QPushButton(tr("&Send to…"), this);
    sendButton->setObjectName(QStringLiteral("sendToAddressButton"));
    connect(sendButton, &QPushButton::clicked, this, [this] {
        const int row = selectedRow();
        if (row >= 0) Q_EMIT sendTo(book_->entries().at(row).address);
    });
    message_ = new QLabel(this);
    message_->setObjectName(QStringLiteral("addressBookMessageLabel"));
    message_->setWordWrap(true);
    connect(book_, &AddressBookModel::failed, message_, &QLabel::setText);

    auto* form = new QFormLayout;
    auto* labelTitle = new QLabel(tr("&Label:"), this);
    labelTitle->setBuddy(label_);
    auto* addressTitle = new QLabel(tr("A&ddress:"), this);
    addressTitle->setBuddy(address_);
    form->addRow(labelTitle, label_);
    form->addRow(addressTitle, address_);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(sendButton);
    buttons->addWidget(removeButton);
    buttons->addStretch(1);
    buttons->addWidget(addButton);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(title);
    layout->addSpacing(8);
    layout->addWidget(table_, 1);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(message_);
}

int AddressBookPage::selectedRow() const {
    const auto rows = table_->selectionModel()->selectedRows();
    return rows.isEmpty() ? -1 : rows.first().row();
}

void AddressBookPage::add() {
    const QString error = book_->setEntry(label_->text(), address_->text());
    if (!error.isEmpty()) {
        message_->setText(error);
        return;
    }
    message_->setText(tr("Saved “%1”.").arg(label_->text().trimmed()));
    label_->clear();
    address_->clear();
}

void AddressBookPage::removeSelected() {
    const int row = selectedRow();
    if (row < 0) {
        message_->setText(tr("Select an entry to remove."));
        return;
    }
    book_->removeRow(row);
    message_->clear();
}

}  // namespace allora::ui
