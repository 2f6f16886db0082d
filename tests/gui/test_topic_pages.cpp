// The topic, inference and staking pages against a real in-process devnet with the demo topics
// and their reference workers and reputers (as "Try a local network" creates it, 200 ms blocks)
// and a real file keyring: the topics are listed and searchable; the weights chart gains points
// as epochs close; a topic with a value the chain refuses is named before anything is signed,
// and a valid one is created and opened; paying for an inference raises the topic's revenue and
// shows its network inference; a wrong password pays nothing; delegating to a reputer shows the
// position; the node page shows the chain and its log. Then a PNG of every page at 1280×800 in
// the light and the dark palette goes to the test output folder (tests/output/screenshots in the
// build tree, or $ALLORA_SCREENSHOT_DIR).
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>

#include "guitestdevnet.h"
#include "ui/emissionsqueries.h"
#include "ui/historymodel.h"
#include "ui/historypage.h"
#include "ui/mainwindow.h"
#include "ui/nodemodel.h"
#include "ui/nodequeries.h"
#include "ui/theme.h"
#include "ui/topiccharts.h"
#include "ui/topicdetailwidget.h"
#include "ui/topiclistmodel.h"
#include "ui/topicspage.h"

using namespace allora;
using namespace allora::ui;
using namespace allora::ui::test;

namespace {

const char* const kKeyPassword = "topic pages password";

// The mean lightness (0–255) of an image: a dark page is darker than its light twin.
double meanLightness(const QImage& image) {
    double sum = 0;
    int n = 0;
    for (int y = 0; y < image.height(); y += 4)
        for (int x = 0; x < image.width(); x += 4, ++n) sum += image.pixelColor(x, y).lightness();
    return n == 0 ? 0 : sum / n;
}

}  // namespace

class TopicPagesTest : public QObject {
    Q_OBJECT

    GuiDevnet devnet_;

    template <typename T>
    T* find(const char* name) {
        return devnet_.find<T>(name);
    }
    std::optional<TopicSummary> topic(uint64_t id) {
        auto api = devnet_.node->api();
        if (!api) return std::nullopt;
        auto t = readTopic(*api, id);
        return t ? std::optional<TopicSummary>(*t) : std::nullopt;
    }
    uint64_t sequence() {
        auto api = devnet_.node->api();
        if (!api) return 0;
        auto a = readAccount(*api, devnet_.address.toStdString());
        return a ? a->sequence : 0;
    }
    void confirmWith(const char* prefix, const char* password) {
        const QByteArray p(prefix);
        auto* edit = find<QLineEdit>(QByteArray(p + "PasswordEdit").constData());
        QVERIFY(edit && !find<QWidget>(QByteArray(p + "ConfirmBox").constData())->isHidden());
        edit->setText(QString::fromLatin1(password));
        find<QPushButton>(QByteArray(p + "ConfirmButton").constData())->click();
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(installEnglishTranslator());
        GuiDevnetOptions options;
        options.backend = wallet::KeyringBackend::File;
        options.keyPassword = kKeyPassword;
        const QString failure = devnet_.start(options);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void topicsAreListedAndSearchable() {
        devnet_.window->showPage(QStringLiteral("topics"));
        auto* page = static_cast<TopicsPage*>(devnet_.window->page(QStringLiteral("topics")));
        QVERIFY(page);
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->rowCount() >= 3, kNodeTimeoutMs);
        auto* table = find<QTableView>("topicTable");
        QCOMPARE(table->model()->rowCount(), page->model()->rowCount());
        // Every demo topic has a description and a loss method the reputers compute.
        for (const auto& t : page->model()->topics()) {
            QVERIFY(!t.topic.metadata().empty());
            QVERIFY(t.topic.loss_method() == "mse" || t.topic.loss_method() == "mae");
        }
        // The weight column: each active topic's share of the active topics' weight, in percent,
        // the shares adding up to 100 (the chain's raw weights, like 3e+20, are in the tooltip).
        TopicListModel* model = page->model();
        auto shareSum = [&] {
            double sum = 0;
            for (int r = 0; r < model->rowCount(); ++r)
                sum += std::max(0.0, model->index(r, TopicListModel::WeightColumn)
                                         .data(TopicListModel::SortRole)
                                         .toDouble());
            return sum;
        };
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(shareSum() - 1) < 1e-9, kNodeTimeoutMs);
        for (int r = 0; r < model->rowCount(); ++r) {
            const QString shown = model->index(r, TopicListModel::WeightColumn).data().toString();
            const double share = model->index(r, TopicListModel::WeightColumn)
                                     .data(TopicListModel::SortRole)
                                     .toDouble();
            if (share > 0 && share * 100 < 0.005)
                QCOMPARE(shown, QStringLiteral("< 0.01 %"));
            else if (share >= 0)
                QCOMPARE(shown, QString("%1 %").arg(share * 100, 0, 'f', 2));
            else
                QCOMPARE(shown, QStringLiteral("—"));
        }
        const QString co2 = QString::fromStdString(page->model()->topics()[2].topic.metadata());
        find<QLineEdit>("topicSearchEdit")->setText(co2.left(6));
        QVERIFY(table->model()->rowCount() >= 1);
        QVERIFY(table->model()->rowCount() < page->model()->rowCount());
        find<QLineEdit>("topicSearchEdit")->setText(QStringLiteral("no such topic at all"));
        QCOMPARE(table->model()->rowCount(), 0);
        find<QLineEdit>("topicSearchEdit")->clear();
        // Sorting by id descending puts the last topic first.
        table->sortByColumn(TopicListModel::IdColumn, Qt::DescendingOrder);
        QCOMPARE(table->model()->index(0, 0).data(TopicListModel::TopicIdRole).toULongLong(),
                 page->model()->topics().back().topic.id());
        table->sortByColumn(TopicListModel::IdColumn, Qt::AscendingOrder);
    }

    void weightsChartGainsPointsAsEpochsClose() {
        auto* page = static_cast<TopicsPage*>(devnet_.window->page(QStringLiteral("topics")));
        page->showTopic(1);
        QTRY_COMPARE_WITH_TIMEOUT(page->detail()->topicId(), uint64_t{1}, kNodeTimeoutMs);
        TopicCharts* charts = page->detail()->charts();
        // The weights chart on screen (a chart is drawn while it is shown): the topic's Charts
        // tab, then its Weights tab.
        auto* topicTabs = page->detail()->findChild<QTabWidget*>(QStringLiteral("topicTabs"));
        QVERIFY(topicTabs);
        topicTabs->setCurrentWidget(charts);
        auto* tabs = charts->findChild<QTabWidget*>(QStringLiteral("topicChartTabs"));
        QVERIFY(tabs);
        tabs->setCurrentIndex(1);
        QVERIFY(charts->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(charts->weightPointCount() > 0, kNodeTimeoutMs);
        const int before = charts->weightPointCount();
        const int64_t newest = charts->newestHeight();
        QVERIFY(charts->weightSeriesCount() >= 5);  // the five reference workers
        QTRY_VERIFY_WITH_TIMEOUT(charts->newestHeight() > newest, kNodeTimeoutMs);
        QVERIFY(charts->weightPointCount() > before);
        // The latest inference with its contributors is on the overview tab.
        QTRY_VERIFY_WITH_TIMEOUT(find<QTableWidget>("topicContributorsTable")->rowCount() >= 5,
                                 kNodeTimeoutMs);
        QVERIFY(find<QLabel>("topicInferenceLabel")->text().contains(QStringLiteral("naive")));
    }

    void createTopicChecksAndOpensIt() {
        devnet_.window->showPage(QStringLiteral("createtopic"));
        auto* metadata = find<QLineEdit>("topicMetadataEdit");
        auto* pNorm = find<QLineEdit>("topicPNormEdit");
        auto* epoch = find<QSpinBox>("topicEpochLengthSpin");
        auto* lag = find<QSpinBox>("topicGroundTruthLagSpin");
        auto* problem = find<QLabel>("createTopicProblemLabel");
        auto* review = find<QPushButton>("createTopicReviewButton");
        QTRY_VERIFY_WITH_TIMEOUT(
            find<QLabel>("createTopicCostLabel")->text().startsWith(QStringLiteral("Creating")),
            kNodeTimeoutMs);
        metadata->setText(QStringLiteral("Test topic: a series from the GUI test"));
        QVERIFY2(review->isEnabled(), qPrintable(problem->text()));
        pNorm->setText(QStringLiteral("9"));
        QVERIFY2(problem->text().contains(QStringLiteral("p_norm")), qPrintable(problem->text()));
        QVERIFY(!review->isEnabled());
        pNorm->setText(QStringLiteral("3"));
        lag->setValue(epoch->value() - 1);  // the truth cannot come before the epoch ends
        QVERIFY2(problem->text().contains(QStringLiteral("ground_truth_lag")),
                 qPrintable(problem->text()));
        QVERIFY(!review->isEnabled());
        lag->setValue(epoch->value());
        QVERIFY(review->isEnabled());
        const uint64_t sent = sequence();
        review->click();
        QVERIFY(
            find<QLabel>("createTopicSummaryLabel")->text().contains(QStringLiteral("Test topic")));
        confirmWith("createTopic", kKeyPassword);
        // Once on chain, the new topic (id 4, after the three demo topics) opens.
        QTRY_COMPARE_WITH_TIMEOUT(devnet_.window->currentPage(), QStringLiteral("topics"),
                                  kNodeTimeoutMs);
        auto* page = static_cast<TopicsPage*>(devnet_.window->page(QStringLiteral("topics")));
        QTRY_COMPARE_WITH_TIMEOUT(page->selectedTopic(), uint64_t{4}, kNodeTimeoutMs);
        auto created = topic(4);
        QVERIFY(created);
        QCOMPARE(QString::fromStdString(created->topic.creator()), devnet_.address);
        QCOMPARE(created->topic.metadata(), std::string("Test topic: a series from the GUI test"));
        QCOMPARE(sequence(), sent + 1);
    }

    void wrongPasswordPaysNothing() {
        devnet_.window->showPage(QStringLiteral("buy"));
        auto* combo = find<QComboBox>("buyTopicCombo");
        QTRY_VERIFY_WITH_TIMEOUT(combo->count() >= 4, kNodeTimeoutMs);
        auto* amount = find<QLineEdit>("buyAmountEdit");
        auto* review = find<QPushButton>("buyReviewButton");
        QTRY_VERIFY_WITH_TIMEOUT(review->isEnabled(), kNodeTimeoutMs);
        amount->setText(QStringLiteral("0"));
        review->click();
        QVERIFY(find<QLabel>("buyMessageLabel")->text().contains(QStringLiteral("more than zero")));
        QVERIFY(find<QWidget>("buyConfirmBox")->isHidden());
        const uint64_t before = sequence();
        amount->setText(QStringLiteral("1"));
        review->click();
        confirmWith("buy", "not the password");
        QTRY_VERIFY_WITH_TIMEOUT(
            find<QLabel>("buyMessageLabel")->text().startsWith(QStringLiteral("Wrong password")),
            kKeyringTimeoutMs);
        QTest::qWait(600);  // a few blocks
        QCOMPARE(sequence(), before);
    }

    void payingForAnInferenceRaisesRevenue() {
        auto* combo = find<QComboBox>("buyTopicCombo");
        combo->setCurrentIndex(combo->findData(QVariant::fromValue<qulonglong>(1)));
        auto before = topic(1);
        QVERIFY(before);
        find<QLineEdit>("buyAmountEdit")->setText(QStringLiteral("250"));
        find<QPushButton>("buyReviewButton")->click();
        QVERIFY(find<QLabel>("buySummaryLabel")->text().contains(QStringLiteral("250 ALLO")));
        confirmWith("buy", kKeyPassword);
        QTRY_VERIFY_WITH_TIMEOUT(find<QLabel>("buyTxStatusLabel")
                                     ->text()
                                     .startsWith(QStringLiteral("Included in block")),
                                 kNodeTimeoutMs);
        // The revenue rose by the payment, less what has dripped into rewards since.
        auto after = topic(1);
        QVERIFY(after);
        QVERIFY(after->revenue > before->revenue);
        QTRY_VERIFY_WITH_TIMEOUT(
            find<QLabel>("buyRevenueLabel")->text().contains(QStringLiteral("Before your payment")),
            kNodeTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(find<QTableWidget>("buyContributorsTable")->rowCount() >= 5,
                                 kNodeTimeoutMs);
        QVERIFY(find<QLabel>("buyInferenceLabel")->text().contains(QStringLiteral("at block")));

        // The payment is in the wallet's history, named for what it did, with its amount.
        auto* history = qobject_cast<HistoryPage*>(devnet_.window->page(QStringLiteral("history")));
        QVERIFY(history);
        devnet_.window->showPage(QStringLiteral("history"));
        HistoryModel* model = history->model();
        auto paidRow = [model] {
            for (int row = 0; row < model->rowCount(); ++row)
                if (model->text(row, HistoryModel::TypeColumn) == QStringLiteral("Paid topic 1"))
                    return row;
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(paidRow() >= 0, kNodeTimeoutMs);
        QCOMPARE(model->text(paidRow(), HistoryModel::AmountColumn), QStringLiteral("−250 ALLO"));
        QVERIFY(!model->text(paidRow(), HistoryModel::FeeColumn).isEmpty());
        devnet_.window->showPage(QStringLiteral("buy"));
    }

    void delegatingShowsThePosition() {
        devnet_.window->showPage(QStringLiteral("staking"));
        auto* topics = find<QComboBox>("stakeTopicCombo");
        QTRY_VERIFY_WITH_TIMEOUT(topics->count() >= 4, kNodeTimeoutMs);
        topics->setCurrentIndex(topics->findData(QVariant::fromValue<qulonglong>(1)));
        auto* reputers = find<QComboBox>("stakeReputerCombo");
        QTRY_VERIFY_WITH_TIMEOUT(reputers->count() >= 1, kNodeTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>("stakeDelegateButton")->isEnabled(),
                                 kNodeTimeoutMs);
        const QString reputer = reputers->currentData().toString();
        find<QLineEdit>("stakeAmountEdit")->setText(QStringLiteral("10"));
        find<QPushButton>("stakeDelegateButton")->click();
        QVERIFY(find<QLabel>("stakeSummaryLabel")->text().contains(reputer));
        confirmWith("stake", kKeyPassword);
        auto* table = find<QTableWidget>("delegationsTable");
        QTRY_VERIFY_WITH_TIMEOUT(table->rowCount() == 1, kNodeTimeoutMs);
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("1"));
        QCOMPARE(table->item(0, 1)->text(), reputer);
        QCOMPARE(table->item(0, 2)->text(), QStringLiteral("10 ALLO"));
    }

    void nodePageShowsChainAndLog() {
        devnet_.window->showPage(QStringLiteral("node"));
        QTRY_VERIFY_WITH_TIMEOUT(
            find<QLabel>("nodeChainLabel")->text().contains(QStringLiteral("solo")),
            kNodeTimeoutMs);
        QVERIFY(find<QLabel>("nodePageStateLabel")->text() == QStringLiteral("Running"));
        QTRY_VERIFY_WITH_TIMEOUT(!find<QPlainTextEdit>("nodeLogView")->toPlainText().isEmpty(),
                                 kNodeTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            find<QLabel>("nodeDataDirLabel")->text().contains(devnet_.home.path()), kNodeTimeoutMs);
    }

    void settingsChangeTheUnitAndTheme() {
        devnet_.window->showPage(QStringLiteral("overview"));
        auto* spendable = find<QLabel>("spendableBalanceLabel");
        QTRY_VERIFY_WITH_TIMEOUT(spendable->text().endsWith(QStringLiteral(" ALLO")),
                                 kNodeTimeoutMs);
        devnet_.window->showPage(QStringLiteral("settings"));
        auto* unit = find<QComboBox>("settingsUnitCombo");
        unit->setCurrentIndex(1);  // uallo
        devnet_.window->showPage(QStringLiteral("overview"));
        QTRY_VERIFY_WITH_TIMEOUT(spendable->text().endsWith(QStringLiteral(" uallo")),
                                 kNodeTimeoutMs);
        QVERIFY(!spendable->text().contains(QLatin1Char('.')));  // whole units
        unit->setCurrentIndex(0);
        QTRY_VERIFY_WITH_TIMEOUT(spendable->text().endsWith(QStringLiteral(" ALLO")),
                                 kNodeTimeoutMs);
        auto* theme = find<QComboBox>("settingsThemeCombo");
        theme->setCurrentIndex(theme->findData(static_cast<int>(Theme::Dark)));
        QTRY_VERIFY(devnet_.window->palette().color(QPalette::Window).lightness() < 100);
        theme->setCurrentIndex(theme->findData(static_cast<int>(Theme::Light)));
        QTRY_VERIFY(devnet_.window->palette().color(QPalette::Window).lightness() > 150);
    }

    void screenshotsOfEveryPageInLightAndDark() {
        QString out = qEnvironmentVariable("ALLORA_SCREENSHOT_DIR");
        if (out.isEmpty()) out = QStringLiteral(ALLORA_TEST_OUTPUT_DIR "/screenshots");
        QVERIFY(QDir().mkpath(out));
        auto* list = find<QListWidget>("pageList");
        QStringList ids;
        for (int i = 0; i < list->count(); ++i) ids << list->item(i)->data(Qt::UserRole).toString();
        QCOMPARE(ids.size(), 11);
        devnet_.window->resize(1280, 800);
        QMap<QString, double> light;
        for (const Theme theme : {Theme::Light, Theme::Dark}) {
            applyTheme(theme);
            const QString suffix =
                theme == Theme::Dark ? QStringLiteral("dark") : QStringLiteral("light");
            for (const QString& id : ids) {
                devnet_.window->showPage(id);
                QTest::qWait(300);  // the page's reads come back
                const QImage image = devnet_.window->grab().toImage();
                QCOMPARE(image.size(), QSize(1280, 800));
                const QString file =
                    QDir(out).filePath(id + QLatin1Char('-') + suffix + QStringLiteral(".png"));
                QVERIFY2(image.save(file), qPrintable(file));
                QVERIFY(QImage(file).size() == QSize(1280, 800));
                if (theme == Theme::Light)
                    light[id] = meanLightness(image);
                else
                    QVERIFY2(meanLightness(image) < light[id] - 40, qPrintable(id));
            }
        }
        applyTheme(Theme::Light);
    }

    void cleanupTestCase() { devnet_.shutdown(); }
};

QTEST_MAIN(TopicPagesTest)
#include "test_topic_pages.moc"
