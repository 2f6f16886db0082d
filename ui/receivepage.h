// ReceivePage: the active account's address to give to a payer: as text, with a copy button, and
// as a QR code.
#pragma once

#include <QWidget>

class QLabel;

namespace allora::ui {

class QrCodeWidget;
class WalletModel;

class ReceivePage : public QWidget {
    Q_OBJECT

public:
    explicit ReceivePage(WalletModel* wallet, QWidget* parent = nullptr);

Q_SIGNALS:
    void message(const QString& text);

private:
    void updateAddress();

    WalletModel* wallet_;
    QLabel* address_;
    QrCodeWidget* qr_;
};

}  // namespace allora::ui
