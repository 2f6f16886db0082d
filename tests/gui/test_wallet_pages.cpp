// The wallet pages against a real in-process devnet (100 ms blocks) and a real file keyring
// (Argon2id): the overview shows the genesis funds; the receive page shows the address and its QR
// code; an invalid address, an amount above the balance and a wrong password each show a clear
// message and send nothing; a send to an address-book label reaches a block, appears in both
// histories and in the recipient's balance; the history exports to CSV. Offscreen widgets.
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>

#include "guitestutil.h"
#include "node/api/local_node.h"
#include "ui/addressbookmodel.h"
#include "ui/historymodel.h"
#include "ui/historypage.h"
#include "ui/mainwindow.h"
#include "ui/nodemodel.h"
#include "ui/nodequeries.h"
#include "ui/qrcodewidget.h"
#include "wallet/account.h"

using namespace allora;
using namespace allora::ui;
using namespace allora::ui::test;

namespace {

constexpr int kNodeTimeoutMs = 60000;
const char* const kKeyPassword = "wallet pages password";

std::shared_ptr<const SecureBytes> secret(const char* text) {
    return std::make_shared<const SecureBytes>(SecureBytes::fromString(text));
}

}  // namespace

class WalletPagesTest : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;
    std::unique_ptr<WalletModel> wallet_;
    std::unique_ptr<NodeModel> node_;
    std::unique_ptr<MainWindow> window_;
    QString address_;
    QString friend_;  // a second address of the same mnemonic (index 1), not in the keyring

    AccountSnapshot account(const QString& address) {
        auto api = node_->api();
        if (!api) return {};
        auto snap = readAccount(*api, address.toStdString());
        return snap ? *snap : AccountSnapshot{};
    }
    void screenshot(const char* id, const char* name = nullptr) {
        window_->showPage(QString::fromLatin1(id));
        QCoreApplication::processEvents();
        saveScreenshot(window_.get(),
                       QStringLiteral("wallet-page-") + QString::fromLatin1(name ? name : id));
    }
    // No tx from this wallet reached the mempool or a block.
    void verifyNothingSent() {
        QTest::qWait(400);  // a few blocks
        QCOMPARE(node_->status().mempoolTxs, uint64_t{0});
        QCOMPARE(account(address_).sequence, uint64_t{0});
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(installEnglishTranslator());
        QVERIFY(dir_.isValid());
        wallet_ = openModel(dir_.path(), wallet::KeyringBackend::File);
        QVERIFY(wallet_);
        QSignalSpy added(wallet_.get(), &WalletModel::keyAdded);
        wallet_->addKey(
            QStringLiteral("me"),
            std::make_shared<const SecureBytes>(SecureBytes::fromString(kCosmjsMnemonic)),
            secret(kKeyPassword));
        QVERIFY(added.wait(kKeyringTimeoutMs));
        address_ = QString::fromStdString(wallet_->activeKey()->address);
        auto second = wallet::deriveAccount(kCosmjsMnemonic, {}, 1);
        QVERIFY(second.ok());
        friend_ = QString::fromStdString(second->address);

        node_ = std::make_unique<NodeModel>(QFile::encodeName(dir_.path()).toStdString());
        node_->setServeApi(false);
        node_->setPollInterval(std::chrono::milliseconds(100));
        window_ = std::make_unique<MainWindow>(wallet_.get(), node_.get());
        window_->resize(1280, 800);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        node_->createLocalNetwork({address_}, secret("validator password"),
                                  std::chrono::milliseconds(100));
        QTRY_COMPARE_WITH_TIMEOUT(node_->state(), NodeModel::State::Running, kNodeTimeoutMs);
    }

    void sidebarListsThePages() {
        auto* list = child<QListWidget>(window_.get(), "pageList");
        QVERIFY(list);
        QCOMPARE(list->count(), 11);
        QCOMPARE(window_->currentPage(), QStringLiteral("overview"));
        list->setFocus();
        QTest::keyClick(list, Qt::Key_Down);
        QCOMPARE(window_->currentPage(), QStringLiteral("send"));
        QTest::keyClick(window_.get(), Qt::Key_4, Qt::ControlModifier);
        QCOMPARE(window_->currentPage(), QStringLiteral("history"));
        for (const char* id : {"overview", "send", "receive", "history", "addressbook", "topics",
                               "buy", "staking", "createtopic", "node", "settings"})
            QVERIFY2(window_->page(QString::fromLatin1(id)), id);
        window_->showPage(QStringLiteral("overview"));
    }

    void overviewShowsGenesisFunds() {
        auto* spendable = child<QLabel>(window_.get(), "spendableBalanceLabel");
        auto* vesting = child<QLabel>(window_.get(), "vestingBalanceLabel");
        auto* delegated = child<QLabel>(window_.get(), "delegatedBalanceLabel");
        QVERIFY(spendable && vesting && delegated);
        QTRY_COMPARE_WITH_TIMEOUT(spendable->text(), QStringLiteral("1000000 ALLO"),
                                  kNodeTimeoutMs);
        QCOMPARE(vesting->text(), QStringLiteral("0 ALLO"));
        QCOMPARE(delegated->text(), QStringLiteral("—"));  // not wired yet: no number at all
        QCOMPARE(child<QLabel>(window_.get(), "addressLabel")->text(), address_);
        QCOMPARE(child<QLabel>(window_.get(), "accountNameLabel")->text(), QStringLiteral("me"));
        QVERIFY(child<QLabel>(window_.get(), "accountNoteLabel")
                    ->text()
                    .startsWith(QStringLiteral("As of block")));
        screenshot("overview");
    }

    void receiveShowsAddressAndQrCode() {
        window_->showPage(QStringLiteral("receive"));
        QCOMPARE(child<QLabel>(window_.get(), "receiveAddressLabel")->text(), address_);
        auto* qr = child<QrCodeWidget>(window_.get(), "receiveQrCode");
        QVERIFY(qr && qr->isVisible());
        QCOMPARE(qr->text(), address_);
        // A QR code has 21 + 4k modules a side and the three finder patterns' dark corners.
        QVERIFY(qr->moduleCount() >= 21 && (qr->moduleCount() - 21) % 4 == 0);
        const int n = qr->moduleCount();
        QVERIFY(qr->isDark(0, 0) && qr->isDark(n - 1, 0) && qr->isDark(0, n - 1));
        QVERIFY(!qr->isDark(n - 1, n - 1) || !qr->isDark(1, 1));
        const QImage image = qr->grab().toImage();
        QVERIFY(image.pixelColor(image.width() / 2, image.height() / 2).isValid());
        screenshot("receive");
    }

    void addressBookStoresLabels() {
        window_->showPage(QStringLiteral("addressbook"));
        auto* label = child<QLineEdit>(window_.get(), "addressBookLabelEdit");
        auto* address = child<QLineEdit>(window_.get(), "addressBookAddressEdit");
        auto* add = child<QPushButton>(window_.get(), "addAddressButton");
        auto* message = child<QLabel>(window_.get(), "addressBookMessageLabel");
        label->setText(QStringLiteral("broken"));
        address->setText(QStringLiteral("allo1qqqqqqqqq"));
        add->click();
        QVERIFY(message->text().contains(QStringLiteral("not a valid Allora address")));
        QCOMPARE(window_->addressBook()->rowCount(), 0);
        label->setText(QStringLiteral("Friend"));
        address->setText(friend_);
        add->click();
        QCOMPARE(window_->addressBook()->rowCount(), 1);
        // Written atomically to the wallet directory; a fresh model reads it back.
        const QString file = window_->addressBook()->filePath();
        QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(file), 5000);
        AddressBookModel reread;
        QSignalSpy loaded(&reread, &AddressBookModel::loaded);
        reread.load(wallet_->directory());
        QVERIFY(loaded.wait(5000));
        QCOMPARE(reread.labelOf(friend_), QStringLiteral("Friend"));
        screenshot("addressbook");
    }

    void invalidAddressSendsNothing() {
        window_->showPage(QStringLiteral("send"));
        auto* recipient = child<QLineEdit>(window_.get(), "recipientEdit");
        auto* status = child<QLabel>(window_.get(), "recipientStatusLabel");
        auto* amount = child<QLineEdit>(window_.get(), "amountEdit");
        auto* review = child<QPushButton>(window_.get(), "sendButton");
        auto* message = child<QLabel>(window_.get(), "sendMessageLabel");
        auto* confirmBox = child<QGroupBox>(window_.get(), "sendConfirmBox");
        QTRY_VERIFY_WITH_TIMEOUT(
            child<QLabel>(window_.get(), "feeLabel")->text().startsWith(QStringLiteral("Fee: ")),
            kNodeTimeoutMs);
        // Checked as it is typed: the last character changed breaks the checksum.
        QString typo = friend_;
        typo[typo.size() - 1] =
            typo.endsWith(QLatin1Char('q')) ? QLatin1Char('p') : QLatin1Char('q');
        recipient->clear();
        QTest::keyClicks(recipient, typo);
        QVERIFY2(status->text().contains(QStringLiteral("checksum")), qPrintable(status->text()));
        recipient->setText(QStringLiteral("cosmos1jhg0e7s6gn44tfc5k37kr04sznyhedtc9rzys5"));
        QVERIFY(status->text().contains(QStringLiteral("allo1")));
        amount->setText(QStringLiteral("1"));
        review->click();
        QVERIFY2(message->text().contains(QStringLiteral("not a valid Allora address")),
                 qPrintable(message->text()));
        QVERIFY(confirmBox->isHidden());
        verifyNothingSent();
    }

    void amountAboveBalanceSendsNothing() {
        auto* recipient = child<QLineEdit>(window_.get(), "recipientEdit");
        auto* amount = child<QLineEdit>(window_.get(), "amountEdit");
        auto* message = child<QLabel>(window_.get(), "sendMessageLabel");
        recipient->setText(friend_);
        amount->setText(QStringLiteral("1000000"));  // all of it: no room for the fee
        child<QPushButton>(window_.get(), "sendButton")->click();
        QVERIFY2(message->text().contains(QStringLiteral("more than your spendable balance")),
                 qPrintable(message->text()));
        QVERIFY(child<QGroupBox>(window_.get(), "sendConfirmBox")->isHidden());
        verifyNothingSent();
    }

    void wrongPasswordSendsNothing() {
        auto* recipient = child<QLineEdit>(window_.get(), "recipientEdit");
        auto* amount = child<QLineEdit>(window_.get(), "amountEdit");
        auto* message = child<QLabel>(window_.get(), "sendMessageLabel");
        auto* confirmBox = child<QGroupBox>(window_.get(), "sendConfirmBox");
        auto* password = child<QLineEdit>(window_.get(), "sendPasswordEdit");
        auto* confirm = child<QPushButton>(window_.get(), "sendConfirmButton");
        recipient->setText(friend_);
        amount->setText(QStringLiteral("2.5"));
        child<QPushButton>(window_.get(), "sendButton")->click();
        QVERIFY(!confirmBox->isHidden());
        QVERIFY(child<QLabel>(window_.get(), "sendSummaryLabel")
                    ->text()
                    .contains(QStringLiteral("2.5 ALLO to ") + friend_));
        password->setText(QStringLiteral("not the password"));
        confirm->click();
        QVERIFY(password->text().isEmpty());  // not kept once used
        QTRY_VERIFY_WITH_TIMEOUT(message->text().startsWith(QStringLiteral("Wrong password")),
                                 kKeyringTimeoutMs);
        QVERIFY(child<QLabel>(window_.get(), "sendTxHashLabel")->text().isEmpty());
        verifyNothingSent();
    }

    void sendToLabelReachesBlockAndHistory() {
        auto* recipient = child<QLineEdit>(window_.get(), "recipientEdit");
        auto* amount = child<QLineEdit>(window_.get(), "amountEdit");
        auto* password = child<QLineEdit>(window_.get(), "sendPasswordEdit");
        auto* status = child<QLabel>(window_.get(), "sendTxStatusLabel");
        recipient->setText(QStringLiteral("friend"));  // the address book's label
        QVERIFY(child<QLabel>(window_.get(), "recipientStatusLabel")->text().contains(friend_));
        amount->setText(QStringLiteral("2.5"));
        child<QLineEdit>(window_.get(), "memoEdit")->setText(QStringLiteral("lunch, thanks"));
        child<QPushButton>(window_.get(), "sendButton")->click();
        QVERIFY(!child<QGroupBox>(window_.get(), "sendConfirmBox")->isHidden());
        password->setText(QString::fromLatin1(kKeyPassword));
        child<QPushButton>(window_.get(), "sendConfirmButton")->click();
        QTRY_VERIFY_WITH_TIMEOUT(status->text().startsWith(QStringLiteral("Included in block")),
                                 kNodeTimeoutMs);
        QVERIFY(child<QLabel>(window_.get(), "sendTxHashLabel")
                    ->text()
                    .startsWith(QStringLiteral("Transaction ")));
        screenshot("send");

        // The recipient holds it; the sender paid it and the fee.
        const AccountSnapshot to = account(friend_);
        QCOMPARE(QString::fromStdString(to.total.toCoinString()),
                 QStringLiteral("2500000000000000000uallo"));
        const AccountSnapshot from = account(address_);
        QCOMPARE(from.sequence, uint64_t{1});
        QVERIFY(from.total < *Amount::parse("999997.5ALLO"));

        // Both histories show it.
        auto* history = qobject_cast<HistoryPage*>(window_->page(QStringLiteral("history")));
        QVERIFY(history);
        window_->showPage(QStringLiteral("history"));
        HistoryModel* model = history->model();
        QTRY_VERIFY_WITH_TIMEOUT(model->rowCount() == 1 && !model->isLoading(), kNodeTimeoutMs);
        QCOMPARE(model->text(0, HistoryModel::TypeColumn), QStringLiteral("Sent"));
        QCOMPARE(model->text(0, HistoryModel::CounterpartyColumn), friend_);
        QCOMPARE(model->text(0, HistoryModel::AmountColumn), QStringLiteral("−2.5 ALLO"));
        QCOMPARE(model->text(0, HistoryModel::MemoColumn), QStringLiteral("lunch, thanks"));
        QCOMPARE(model->text(0, HistoryModel::StatusColumn), QStringLiteral("Confirmed"));
        QVERIFY(!model->text(0, HistoryModel::FeeColumn).isEmpty());
        HistoryModel received(node_.get());
        received.setAddress(friend_);
        QTRY_VERIFY_WITH_TIMEOUT(received.rowCount() == 1, kNodeTimeoutMs);
        QCOMPARE(received.text(0, HistoryModel::TypeColumn), QStringLiteral("Received"));
        QCOMPARE(received.text(0, HistoryModel::AmountColumn), QStringLiteral("+2.5 ALLO"));
        QVERIFY(received.text(0, HistoryModel::FeeColumn).isEmpty());

        // The filter and the CSV export (the memo's comma is quoted).
        auto* filter = child<QLineEdit>(window_.get(), "historyFilterEdit");
        auto* table = child<QTableView>(window_.get(), "historyTable");
        filter->setText(QStringLiteral("no such thing"));
        QCOMPARE(table->model()->rowCount(), 0);
        filter->setText(QStringLiteral("LUNCH"));
        QCOMPARE(table->model()->rowCount(), 1);
        const QString csvPath = dir_.filePath(QStringLiteral("history.csv"));
        QSignalSpy exported(history, &HistoryPage::exported);
        history->exportCsv(csvPath);
        QVERIFY(exported.wait(5000));
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().split('\n');
        QVERIFY(lines.value(0).startsWith("Block,Time,Type,Counterparty,Amount,Fee,Memo,Status"));
        QVERIFY(lines.value(1).contains(friend_.toLatin1()));
        QVERIFY(lines.value(1).contains("\"lunch, thanks\""));
        filter->clear();
        screenshot("history");

        // The overview's balance and recent activity follow.
        auto* spendable = child<QLabel>(window_.get(), "spendableBalanceLabel");
        QTRY_VERIFY_WITH_TIMEOUT(spendable->text().startsWith(QStringLiteral("999997.4")),
                                 kNodeTimeoutMs);
        auto* recent = child<QListWidget>(window_.get(), "recentActivityList");
        QTRY_VERIFY_WITH_TIMEOUT(recent->count() >= 1 && recent->item(0)->text().startsWith(
                                                             QStringLiteral("Sent 2.5 ALLO")),
                                 kNodeTimeoutMs);
        child<QCheckBox>(window_.get(), "fullPrecisionCheck")->setChecked(true);
        QCOMPARE(spendable->text(), QString::fromStdString(from.spendable.format()));
        screenshot("overview", "overview-after-send");
    }

    void lockForgetsTypedPassword() {
        window_->showPage(QStringLiteral("send"));
        auto* recipient = child<QLineEdit>(window_.get(), "recipientEdit");
        recipient->setText(friend_);
        child<QLineEdit>(window_.get(), "amountEdit")->setText(QStringLiteral("1"));
        child<QPushButton>(window_.get(), "sendButton")->click();
        auto* password = child<QLineEdit>(window_.get(), "sendPasswordEdit");
        password->setText(QStringLiteral("typed but not used"));
        child<QPushButton>(window_.get(), "lockButton")->click();
        QVERIFY(password->text().isEmpty());
        QVERIFY(child<QGroupBox>(window_.get(), "sendConfirmBox")->isHidden());
    }

    void cleanupTestCase() {
        window_.reset();
        node_.reset();  // stops the node (the block in progress commits)
        wallet_.reset();
    }
};

QTEST_MAIN(WalletPagesTest)
#include "test_wallet_pages.moc"
