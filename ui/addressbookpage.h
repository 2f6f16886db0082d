// AddressBookPage: labels for the addresses the user pays, kept in the wallet directory; the send
// page completes them.
#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QTableView;

namespace allora::ui {

class AddressBookModel;

class AddressBookPage : public QWidget {
    Q_OBJECT

public:
    explicit AddressBookPage(AddressBookModel* book, QWidget* parent = nullptr);

Q_SIGNALS:
    // "Send to…" on an entry.
    void sendTo(const QString& address);

private:
    void add();
    void removeSelected();
    int selectedRow() const;

    AddressBookModel* book_;
    QTableView* table_;
    QLineEdit* label_;
    QLineEdit* address_;
    QLabel* message_;
};

}  // namespace allora::ui
