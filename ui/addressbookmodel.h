// AddressBookModel: labels for addresses the user sends to, in the wallet directory
// (addressbook.json: {"version": 1, "entries": [{"label": …, "address": …}]}), written atomically
// (QSaveFile: a crash leaves the old file or the new one). Reads and writes run on a worker
// thread of their own, in order; the model itself changes at once.
#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QString>
#include <QThreadPool>

namespace allora::ui {

class AddressBookModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { LabelColumn, AddressColumn, ColumnCount };

    struct Entry {
        QString label;
        QString address;
    };

    explicit AddressBookModel(QObject* parent = nullptr);
    ~AddressBookModel() override;

    // Loads `directory`/addressbook.json (none yet: an empty book); loaded() or failed().
    void load(const QString& directory);
    QString filePath() const { return path_; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    const QList<Entry>& entries() const { return entries_; }
    // The label of `address`, empty when it has none.
    QString labelOf(const QString& address) const;
    // Adds or relabels (an address appears once); returns an error message, empty on success.
    QString setEntry(const QString& label, const QString& address);
    void removeRow(int row);

Q_SIGNALS:
    void loaded();
    void failed(const QString& message);

private:
    void save();

    QString path_;
    QList<Entry> entries_;
    QThreadPool io_;
};

}  // namespace allora::ui
