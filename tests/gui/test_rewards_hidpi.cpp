// Against a real in-process devnet with the demo topics and their reference participants (as
// "Try a local network" creates it, 200 ms blocks), drawn at devicePixelRatio 2 (ctest sets
// QT_SCALE_FACTOR=2):
// - staking rewards: after a delegation through the Staking page, the overview shows the
//   delegated stake and its pending rewards, notices each rise of the rewards (the sum of the
//   notices is the rewards earned), sums the rises within its notice interval into one notice,
//   and the window's notification (status bar, and the tray where there is one) follows the
//   setting that turns it off;
// - HiDPI: every page renders at twice the pixels (PNGs next to the other screenshots, named
//   <page>-hidpi.png), the SVG icon draws at the screen's ratio, and no page needs more width
//   than the 1280-pixel window gives it, nor squeezes a label, button or field below its
//   minimum size.
#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QStatusBar>
#include <QTableWidget>

#include "guitestdevnet.h"
#include "ui/emissionsqueries.h"
#include "ui/guiutil.h"
#include "ui/mainwindow.h"
#include "ui/nodemodel.h"
#include "ui/overviewpage.h"

using namespace allora;
using namespace allora::ui;
using namespace allora::ui::test;

namespace {

// "123 uallo" (the display unit is uallo in this test) as an amount.
Amount ualloOf(const QString& text) {
    auto a = Amount::parse(text.section(QLatin1Char(' '), 0, 0).toStdString());
    return a ? *a : Amount();
}

}  // namespace

class RewardsHiDpiTest : public QObject {
    Q_OBJECT

    GuiDevnet devnet_;
    OverviewPage* overview_ = nullptr;

    template <typename T>
    T* find(const char* name) {
        return devnet_.find<T>(name);
    }
    size_t topicCount() {
        auto api = devnet_.node->api();
        auto topics =
            api ? readTopics(*api) : Result<std::vector<TopicSummary>>(std::vector<TopicSummary>{});
        return topics ? topics->size() : 0;
    }
    // The pending rewards the overview shows, once it shows a number.
    Amount shownPending() { return ualloOf(find<QLabel>("pendingRewardsLabel")->text()); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(installEnglishTranslator());
        QCOMPARE(qApp->devicePixelRatio(), 2.0);
        QString failure = devnet_.open();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        overview_ = static_cast<OverviewPage*>(devnet_.window->page(QStringLiteral("overview")));
        QVERIFY(overview_);
        setDisplayUnit(DisplayUnit::Uallo);  // exact amounts in the labels
        failure = devnet_.startNetwork();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void delegationShowsOnTheOverview() {
        QCOMPARE(find<QLabel>("delegatedBalanceLabel")->text(), QStringLiteral("—"));
        // The participants open the demo topics in the first blocks; the page reads them when
        // shown.
        QTRY_VERIFY_WITH_TIMEOUT(topicCount() >= 3, kNodeTimeoutMs);
        devnet_.window->showPage(QStringLiteral("staking"));
        auto* topics = find<QComboBox>("stakeTopicCombo");
        QTRY_VERIFY_WITH_TIMEOUT(topics->count() >= 3, kNodeTimeoutMs);
        topics->setCurrentIndex(topics->findData(QVariant::fromValue<qulonglong>(1)));
        QTRY_VERIFY_WITH_TIMEOUT(find<QComboBox>("stakeReputerCombo")->count() >= 1,
                                 kNodeTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(find<QPushButton>("stakeDelegateButton")->isEnabled(),
                                 kNodeTimeoutMs);
        // Keyboard only: the amount, Enter reviews, Enter in the password field signs.
        auto* amount = find<QLineEdit>("stakeAmountEdit");
        amount->setText(QStringLiteral("1000"));
        QTest::keyClick(amount, Qt::Key_Return);
        QTRY_VERIFY(!find<QWidget>("stakeConfirmBox")->isHidden());
        QTest::keyClick(find<QLineEdit>("stakePasswordEdit"), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(find<QTableWidget>("delegationsTable")->rowCount() == 1,
                                 kNodeTimeoutMs);
        devnet_.window->showPage(QStringLiteral("overview"));
        QTRY_COMPARE_WITH_TIMEOUT(find<QLabel>("delegatedBalanceLabel")->text(),
                                  QStringLiteral("1000000000000000000000 uallo"), kNodeTimeoutMs);
        QVERIFY(find<QLabel>("pendingRewardsLabel")->text().endsWith(QStringLiteral(" uallo")));
    }

    void rewardsAreNoticedAsTheyAccrue() {
        overview_->setRewardsNoticeInterval(std::chrono::milliseconds(0));
        QSignalSpy earned(overview_, &OverviewPage::rewardsEarned);
        QSignalSpy status(devnet_.window->statusBar(), &QStatusBar::messageChanged);
        // Every rise from the delegation's first read on is noticed: the notices add up to the
        // rewards shown (nothing was claimed).
        const Amount before = shownPending();
        QTRY_VERIFY_WITH_TIMEOUT(earned.size() >= 2, kNodeTimeoutMs);
        Amount sum;
        for (const auto& args : earned) {
            const auto a = args.at(0).value<Amount>();
            QVERIFY(!a.isZero());
            sum = *sum.add(a);
        }
        QCOMPARE(sum.toUalloString(), shownPending().sub(before)->toUalloString());
        bool notified = false;
        for (const auto& args : status)
            notified |= args.at(0).toString().startsWith(QStringLiteral("Staking rewards: "));
        QVERIFY(notified);
    }

    void risesWithinTheIntervalMakeOneNotice() {
        overview_->setRewardsNoticeInterval(std::chrono::hours(1));
        QSignalSpy earned(overview_, &OverviewPage::rewardsEarned);
        const Amount start = shownPending();
        // Two more rises, no notice: they wait for the interval.
        Amount seen = start;
        for (int rises = 0; rises < 2;) {
            QTRY_VERIFY_WITH_TIMEOUT(shownPending() > seen, kNodeTimeoutMs);
            seen = shownPending();
            ++rises;
        }
        QCOMPARE(earned.size(), 0);
        // Once the interval is over, the next rise notices everything since the last notice.
        overview_->setRewardsNoticeInterval(std::chrono::milliseconds(0));
        QTRY_VERIFY_WITH_TIMEOUT(earned.size() == 1, kNodeTimeoutMs);
        const auto notice = earned.at(0).at(0).value<Amount>();
        QCOMPARE(notice.toUalloString(), shownPending().sub(start)->toUalloString());
        QVERIFY(notice >= *seen.sub(start));
    }

    void theSettingTurnsTheNotificationOff() {
        auto* check = find<QAbstractButton>("settingsNotifyRewardsCheck");
        QVERIFY(check && check->isChecked());
        check->setChecked(false);
        QSignalSpy earned(overview_, &OverviewPage::rewardsEarned);
        QSignalSpy status(devnet_.window->statusBar(), &QStatusBar::messageChanged);
        QTRY_VERIFY_WITH_TIMEOUT(earned.size() >= 2, kNodeTimeoutMs);
        for (const auto& args : status)
            QVERIFY2(!args.at(0).toString().startsWith(QStringLiteral("Staking rewards")),
                     qPrintable(args.at(0).toString()));
        check->setChecked(true);
        QTRY_VERIFY_WITH_TIMEOUT(devnet_.window->statusBar()->currentMessage().startsWith(
                                     QStringLiteral("Staking rewards")),
                                 kNodeTimeoutMs);
    }

    void pagesAtDoubleScale() {
        setDisplayUnit(DisplayUnit::Allo);
        QString out = qEnvironmentVariable("ALLORA_SCREENSHOT_DIR");
        if (out.isEmpty()) out = QStringLiteral(ALLORA_TEST_OUTPUT_DIR "/screenshots");
        QVERIFY(QDir().mkpath(out));
        // The icon is an SVG: drawn at the screen's ratio, not scaled up from 1x.
        const QPixmap icon = devnet_.window->windowIcon().pixmap(QSize(32, 32));
        QCOMPARE(icon.devicePixelRatio(), 2.0);
        QCOMPARE(icon.size(), QSize(64, 64));

        auto* list = find<QListWidget>("pageList");
        devnet_.window->resize(1280, 800);
        QStringList problems;
        for (int i = 0; i < list->count(); ++i) {
            const QString id = list->item(i)->data(Qt::UserRole).toString();
            devnet_.window->showPage(id);
            QTest::qWait(300);  // the page's reads come back
            QWidget* page = devnet_.window->page(id);
            auto* scroll = qobject_cast<QScrollArea*>(page->parentWidget()->parentWidget());
            QVERIFY2(scroll, qPrintable(id));
            if (scroll->horizontalScrollBar()->maximum() > 0)
                problems << QStringLiteral("%1 needs %2 px, has %3")
                                .arg(id)
                                .arg(page->minimumSizeHint().width())
                                .arg(scroll->viewport()->width());
            for (QWidget* w : page->findChildren<QWidget*>()) {
                if (!w->isVisible()) continue;
                if (!qobject_cast<QLabel*>(w) && !qobject_cast<QAbstractButton*>(w) &&
                    !qobject_cast<QLineEdit*>(w) && !qobject_cast<QComboBox*>(w))
                    continue;
                // The parts of a combo or spin box follow their owner, which is checked.
                if (qobject_cast<QComboBox*>(w->parentWidget()) ||
                    qobject_cast<QAbstractSpinBox*>(w->parentWidget()))
                    continue;
                QSize min = w->minimumSizeHint();
                if (auto* label = qobject_cast<QLabel*>(w)) {
                    if (label->text().isEmpty()) continue;  // nothing to cut
                    // A wrapped label needs its height at its width.
                    if (label->wordWrap()) min.setHeight(label->heightForWidth(label->width()));
                }
                if (w->width() < min.width() || w->height() < min.height())
                    problems << QStringLiteral("%1: %2 \"%3\" is %4×%5, needs %6×%7")
                                    .arg(id, QString::fromLatin1(w->metaObject()->className()),
                                         w->objectName())
                                    .arg(w->width())
                                    .arg(w->height())
                                    .arg(min.width())
                                    .arg(min.height());
            }
            const QImage image = devnet_.window->grab().toImage();
            QCOMPARE(image.devicePixelRatio(), 2.0);
            QCOMPARE(image.size(), QSize(2560, 1600));
            const QString file = QDir(out).filePath(id + QStringLiteral("-hidpi.png"));
            QVERIFY2(image.save(file), qPrintable(file));
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void cleanupTestCase() {
        setDisplayUnit(DisplayUnit::Allo);
        devnet_.shutdown();
    }
};

QTEST_MAIN(RewardsHiDpiTest)
#include "test_rewards_hidpi.moc"
