#include "ui/receivepage.h"

#include <QClipboard>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/pageutil.h"
#include "ui/qrcodewidget.h"
#include "ui/walletmodel.h"

namespace allora::ui {

ReceivePage::ReceivePage(WalletModel* wallet, QWidget* parent)
    : QWidget(parent), wallet_(wallet), address_(new QLabel(this)), qr_(new QrCodeWidget(this)) {
    setObjectName(QStringLiteral("receivePage"));
    auto* title = pageHeading(tr("Receive"), this);
    auto* text = new QLabel(
        tr("Give this address to whoever pays you. Anyone can see what it holds; only this "
           "wallet can spend from it."),
        this);
    text->setWordWrap(true);
    address_->setObjectName(QStringLiteral("receiveAddressLabel"));
    address_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    address_->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    address_->setAccessibleName(tr("Address"));
    qr_->setObjectName(QStringLiteral("receiveQrCode"));
    auto* copy = new QPushButton(tr("&Copy address"), this);
    copy->setObjectName(QStringLiteral("receiveCopyButton"));
    connect(copy, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(address_->text());
        Q_EMIT message(tr("Address copied to the clipboard."));
    });

    auto* row = new QHBoxLayout;
    row->addWidget(address_);
    row->addSpacing(12);
    row->addWidget(copy);
    row->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(title);
    layout->addWidget(text);
    layout->addSpacing(12);
    layout->addWidget(captionLabel(tr("Your address"), this));
    layout->addLayout(row);
    layout->addSpacing(12);
    layout->addWidget(qr_, 0, Qt::AlignLeft);
    layout->addStretch(1);
    connect(wallet_, &WalletModel::activeKeyChanged, this, &ReceivePage::updateAddress);
    updateAddress();
}

void ReceivePage::updateAddress() {
    const auto key = wallet_->activeKey();
    const QString address = key ? QString::fromStdString(key->address) : QString();
    address_->setText(address);
    qr_->setText(address);
}

}  // namespace allora::ui
