#include "ui/historypage.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QShowEvent>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QThreadPool>
#include <QVBoxLayout>

#include "ui/historymodel.h"
#include "ui/nodemodel.h"
#include "ui/pageutil.h"
#include "ui/walletmodel.h"
#include "ui/workerjob.h"

namespace allora::ui {

namespace {

QString csvField(const QString& s) {
    if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) &&
        !s.contains(QLatin1Char('\n')) && !s.contains(QLatin1Char('\r')))
        return s;
    QString quoted = s;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

}  // namespace

HistoryPage::HistoryPage(WalletModel* wallet, NodeModel* node, QWidget* parent)
    : QWidget(parent),
      wallet_(wallet),
      node_(node),
      model_(new HistoryModel(node, this)),
      proxy_(new QSortFilterProxyModel(this)) {
    setObjectName(QStringLiteral("historyPage"));
    proxy_->setSourceModel(model_);
    proxy_->setFilterKeyColumn(-1);
    proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);

    auto* title = pageHeading(tr("History"), this);
    filter_ = new QLineEdit(this);
    filter_->setObjectName(QStringLiteral("historyFilterEdit"));
    filter_->setPlaceholderText(tr("Filter by address, amount, memo, block…"));
    filter_->setClearButtonEnabled(true);
    filter_->setAccessibleName(tr("Filter"));
    connect(filter_, &QLineEdit::textChanged, proxy_, &QSortFilterProxyModel::setFilterFixedString);
    auto* refresh = new QPushButton(tr("&Refresh"), this);
    refresh->setObjectName(QStringLiteral("historyRefreshButton"));
    connect(refresh, &QPushButton::clicked, this, &HistoryPage::reload);
    auto* exportButton = new QPushButton(tr("&Export CSV…"), this);
    exportButton->setObjectName(QStringLiteral("exportCsvButton"));
    connect(exportButton, &QPushButton::clicked, this, &HistoryPage::chooseExportFile);

    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("historyTable"));
    table_->setAccessibleName(tr("Transactions"));
    table_->setModel(proxy_);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    // Widths in characters of the table's font, so that large fonts widen them too.
    const int ch = table_->fontMetrics().averageCharWidth();
    table_->setColumnWidth(HistoryModel::HeightColumn, 10 * ch);
    table_->setColumnWidth(HistoryModel::TimeColumn, 20 * ch);
    table_->setColumnWidth(HistoryModel::TypeColumn, 13 * ch);
    table_->setColumnWidth(HistoryModel::CounterpartyColumn, 31 * ch);
    table_->setColumnWidth(HistoryModel::AmountColumn, 21 * ch);
    table_->setColumnWidth(HistoryModel::FeeColumn, 16 * ch);
    table_->setColumnWidth(HistoryModel::MemoColumn, 17 * ch);

    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("historyStatusLabel"));
    status_->setForegroundRole(QPalette::PlaceholderText);

    auto* tools = new QHBoxLayout;
    tools->addWidget(filter_, 1);
    tools->addWidget(refresh);
    tools->addWidget(exportButton);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(title);
    layout->addSpacing(8);
    layout->addLayout(tools);
    layout->addWidget(table_, 1);
    layout->addWidget(status_);

    connect(model_, &HistoryModel::loadingChanged, this, &HistoryPage::updateStatus);
    connect(model_, &HistoryModel::loadFailed, this, [this](const QString& m) {
        status_->setText(tr("Could not read the history: %1").arg(m));
    });
    connect(wallet_, &WalletModel::activeKeyChanged, this, [this] {
        const auto key = wallet_->activeKey();
        model_->setAddress(key ? QString::fromStdString(key->address) : QString());
    });
    if (node_ != nullptr)
        connect(node_, &NodeModel::stateChanged, this, [this](NodeModel::State s) {
            if (s == NodeModel::State::Running) reload();
            updateStatus();
        });
    const auto key = wallet_->activeKey();
    if (key) model_->setAddress(QString::fromStdString(key->address));
    updateStatus();
}

void HistoryPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    // Opening the page shows the newest; later visits keep the scroll position.
    if (!shownOnce_) {
        shownOnce_ = true;
        reload();
    }
}

void HistoryPage::reload() {
    const auto key = wallet_->activeKey();
    const QString address = key ? QString::fromStdString(key->address) : QString();
    if (address != model_->address())
        model_->setAddress(address);
    else
        model_->reload();
    updateStatus();
}

void HistoryPage::updateStatus() {
    if (node_ == nullptr || !node_->api()) {
        status_->setText(tr("The history is read from the node: start it on the Overview page."));
        return;
    }
    if (model_->isLoading()) {
        status_->setText(tr("Loading…"));
        return;
    }
    const int n = model_->rowCount();
    status_->setText(n == 0 ? tr("No transactions yet.")
                     : model_->atEnd()
                         ? tr("%n transaction(s).", nullptr, n)
                         : tr("%n transaction(s) so far; scroll down for older ones.", nullptr, n));
}

void HistoryPage::chooseExportFile() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    auto* dialog = new QFileDialog(this, tr("Export history"), dir, tr("CSV files (*.csv)"));
    dialog->setObjectName(QStringLiteral("exportCsvDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(QStringLiteral("csv"));
    dialog->selectFile(QStringLiteral("allora-history.csv"));
    connect(dialog, &QFileDialog::fileSelected, this, &HistoryPage::exportCsv);
    dialog->open();
}

void HistoryPage::exportCsv(const QString& path) {
    // The text is gathered here (the model lives on this thread); the disk write goes to a worker.
    QStringList header;
    for (int c = 0; c < HistoryModel::ColumnCount; ++c)
        header << csvField(model_->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
    header << csvField(tr("Transaction hash"));
    QString csv = header.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    for (int r = 0; r < proxy_->rowCount(); ++r) {
        const int row = proxy_->mapToSource(proxy_->index(r, 0)).row();
        QStringList fields;
        for (int c = 0; c < HistoryModel::ColumnCount; ++c) {
            // Times in ISO 8601 UTC: a spreadsheet reads them in any locale.
            fields << csvField(c == HistoryModel::TimeColumn
                                   ? model_->record(row).time.toString(Qt::ISODate)
                                   : model_->text(row, c));
        }
        fields << model_->record(row).hash;
        csv += fields.join(QLatin1Char(',')) + QStringLiteral("\r\n");
    }
    runOnWorker(
        this, QThreadPool::globalInstance(),
        [path, data = csv.toUtf8()] {
            QSaveFile file(path);
            if (!file.open(QIODevice::WriteOnly)) return file.errorString();
            file.write(data);
            return file.commit() ? QString() : file.errorString();
        },
        [this, path](QString error) {
            if (!error.isEmpty()) {
                Q_EMIT exportFailed(error);
                Q_EMIT message(tr("Could not export the history: %1").arg(error));
                return;
            }
            Q_EMIT exported(path);
            Q_EMIT message(tr("History exported to %1.").arg(path));
        });
}

}  // namespace allora::ui
