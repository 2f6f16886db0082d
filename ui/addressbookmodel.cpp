#include "ui/addressbookmodel.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include "ui/nodequeries.h"
#include "ui/workerjob.h"

namespace allora::ui {

namespace {

struct Loaded {
    QList<AddressBookModel::Entry> entries;
    QString error;
};

Loaded readBook(const QString& path) {
    Loaded out;
    QFile file(path);
    if (!file.exists()) return out;
    if (!file.open(QIODevice::ReadOnly)) {
        out.error = file.errorString();
        return out;
    }
    QJsonParseError parseError{};
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        out.error = parseError.errorString();
        return out;
    }
    for (const QJsonValue& v : doc.object().value(QStringLiteral("entries")).toArray()) {
        const QJsonObject o = v.toObject();
        const QString address = o.value(QStringLiteral("address")).toString();
        if (checkAddress(address.toStdString()) != AddressProblem::None) continue;
        out.entries.append({o.value(QStringLiteral("label")).toString(), address});
    }
    return out;
}

QString writeBook(const QString& path, const QList<AddressBookModel::Entry>& entries) {
    QJsonArray array;
    for (const auto& e : entries)
        array.append(QJsonObject{{QStringLiteral("label"), e.label},
                                 {QStringLiteral("address"), e.address}});
    const QJsonObject root{{QStringLiteral("version"), 1}, {QStringLiteral("entries"), array}};
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) return file.errorString();
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) return file.errorString();
    return {};
}

}  // namespace

AddressBookModel::AddressBookModel(QObject* parent) : QAbstractTableModel(parent) {
    io_.setMaxThreadCount(1);  // writes land in the order they were made
    io_.setObjectName(QStringLiteral("AddressBookIo"));
}

AddressBookModel::~AddressBookModel() {
    io_.waitForDone();
}

void AddressBookModel::load(const QString& directory) {
    path_ = QDir(directory).filePath(QStringLiteral("addressbook.json"));
    runOnWorker(
        this, &io_, [path = path_] { return readBook(path); },
        [this](Loaded result) {
            if (!result.error.isEmpty()) {
                Q_EMIT failed(tr("The address book could not be read: %1").arg(result.error));
                return;
            }
            beginResetModel();
            entries_ = std::move(result.entries);
            endResetModel();
            Q_EMIT loaded();
        });
}

int AddressBookModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(entries_.size());
}

int AddressBookModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AddressBookModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= entries_.size()) return {};
    const Entry& e = entries_.at(index.row());
    if (role == Qt::DisplayRole || role == Qt::EditRole || role == Qt::ToolTipRole)
        return index.column() == LabelColumn ? e.label : e.address;
    return {};
}

QVariant AddressBookModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == LabelColumn ? tr("Label") : tr("Address");
}

QString AddressBookModel::labelOf(const QString& address) const {
    for (const auto& e : entries_)
        if (e.address == address) return e.label;
    return {};
}

QString AddressBookModel::setEntry(const QString& label, const QString& address) {
    const QString l = label.trimmed(), a = address.trimmed();
    if (l.isEmpty()) return tr("Enter a label.");
    if (checkAddress(a.toStdString()) != AddressProblem::None)
        return tr("“%1” is not a valid Allora address (allo1…).").arg(a);
    for (int i = 0; i < entries_.size(); ++i) {
        if (entries_[i].address != a) continue;
        entries_[i].label = l;
        Q_EMIT dataChanged(index(i, LabelColumn), index(i, LabelColumn));
        save();
        return {};
    }
    const int row = static_cast<int>(entries_.size());
    beginInsertRows({}, row, row);
    entries_.append({l, a});
    endInsertRows();
    save();
    return {};
}

void AddressBookModel::removeRow(int row) {
    if (row < 0 || row >= entries_.size()) return;
    beginRemoveRows({}, row, row);
    entries_.removeAt(row);
    endRemoveRows();
    save();
}

void AddressBookModel::save() {
    if (path_.isEmpty()) return;
    runOnWorker(
        this, &io_, [path = path_, entries = entries_] { return writeBook(path, entries); },
        [this](QString error) {
            if (!error.isEmpty())
                Q_EMIT failed(tr("The address book could not be saved: %1").arg(error));
        });
}

}  // namespace allora::ui
