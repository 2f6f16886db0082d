// Drives the FirstRunWizard like a user, against a real keyring (file backend, Argon2id) in a
// temporary directory: create and restore paths, the checks that keep Next disabled, and that the
// GUI thread keeps running while the keyring works.
#include <QCheckBox>
#include <QLabel>
#include <QProgressBar>
#include <QTemporaryDir>
#include <QTimer>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "core/bech32.h"
#include "guitestutil.h"
#include "ui/mnemonicview.h"
#include "wallet/account.h"
#include "wallet/bip39.h"
#include "wallet/keyring.h"

using namespace allora;
using namespace allora::ui;
using namespace allora::ui::test;

class FirstRunWizardTest : public QObject {
    Q_OBJECT

private:
    // The words shown in the mnemonic view, in order.
    static QStringList shownWords(QWizard& wizard) {
        QStringList words;
        for (int i = 1;; ++i) {
            auto* label = wizard.findChild<QLabel*>(QStringLiteral("mnemonicWord%1").arg(i));
            if (!label) break;
            words << label->text();
        }
        return words;
    }

    // From the restore page's text field to the password page.
    static void enterPhrase(FirstRunWizard& wizard, const QString& phrase) {
        auto* restore = child<QRadioButton>(&wizard, "restoreRadio");
        QVERIFY(restore);
        restore->click();
        clickNext(wizard);
        QCOMPARE(wizard.currentId(), int(FirstRunWizard::RestorePhraseId));
        auto* edit = child<QPlainTextEdit>(&wizard, "mnemonicEdit");
        QVERIFY(edit);
        // Typed as a user would, Return for a line break (keyClicks knows no '\n').
        const QStringList lines = phrase.split(QLatin1Char('\n'));
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (i > 0) QTest::keyClick(edit, Qt::Key_Return);
            QTest::keyClicks(edit, lines.at(i));
        }
    }

    static void enterNameAndPassword(FirstRunWizard& wizard, const QString& name,
                                     const QString& password) {
        QCOMPARE(wizard.currentId(), int(FirstRunWizard::KeyPasswordId));
        auto* nameEdit = child<QLineEdit>(&wizard, "keyNameEdit");
        auto* passwordEdit = child<QLineEdit>(&wizard, "passwordEdit");
        auto* confirmEdit = child<QLineEdit>(&wizard, "passwordConfirmEdit");
        QVERIFY(nameEdit && passwordEdit && confirmEdit);
        QCOMPARE(passwordEdit->echoMode(), QLineEdit::Password);
        QCOMPARE(confirmEdit->echoMode(), QLineEdit::Password);
        nameEdit->selectAll();
        QTest::keyClicks(nameEdit, name);
        QTest::keyClicks(passwordEdit, password);
        QTest::keyClicks(confirmEdit, password);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(installEnglishTranslator()); }
    void createPath();
    void restorePath();
    void invalidMnemonicKeepsNextDisabled();
    void passwordRulesKeepNextDisabled();
    void takenNameIsRefused();
    void cancelClearsSecrets();
};

void FirstRunWizardTest::createPath() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto model = openModel(dir.path(), wallet::KeyringBackend::File);
    QVERIFY(model);
    QVERIFY(model->keys().isEmpty());

    FirstRunWizard wizard(model.get());
    QSignalSpy created(&wizard, &FirstRunWizard::keyCreated);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    QCOMPARE(wizard.currentId(), int(FirstRunWizard::WelcomeId));
    saveScreenshot(&wizard, QStringLiteral("wizard-1-welcome"));

    auto* createRadio = child<QRadioButton>(&wizard, "createRadio");
    QVERIFY(createRadio);
    QVERIFY(child<QRadioButton>(&wizard, "restoreRadio"));
    createRadio->click();
    QVERIFY(nextEnabled(wizard));
    clickNext(wizard);
    QCOMPARE(wizard.currentId(), int(FirstRunWizard::BackupPhraseId));

    // The phrase is generated on the worker thread and then shown.
    auto* view = child<MnemonicView>(&wizard, "mnemonicView");
    QVERIFY(view);
    QTRY_COMPARE_WITH_TIMEOUT(view->wordCount(), 24, kKeyringTimeoutMs);
    QVERIFY(!wizard.isBusy());
    const QStringList words = shownWords(wizard);
    QCOMPARE(words.size(), 24);
    const std::string mnemonic = words.join(QLatin1Char(' ')).toStdString();
    QVERIFY(wallet::bip39::validate(mnemonic));
    saveScreenshot(&wizard, QStringLiteral("wizard-2-backup"));

    // Not before the backup is confirmed.
    QVERIFY(!nextEnabled(wizard));
    auto* confirm = child<QCheckBox>(&wizard, "backupConfirmCheck");
    QVERIFY(confirm);
    confirm->click();
    QVERIFY(nextEnabled(wizard));
    clickNext(wizard);

    // Three words asked back, at the positions the fields name.
    QCOMPARE(wizard.currentId(), int(FirstRunWizard::VerifyPhraseId));
    QVERIFY(!nextEnabled(wizard));
    for (int i = 1; i <= 3; ++i) {
        auto* edit = wizard.findChild<QLineEdit*>(QStringLiteral("verifyWordEdit%1").arg(i));
        QVERIFY(edit);
        const int n = edit->property("wordNumber").toInt();
        QVERIFY(n >= 1 && n <= 24);
        QTest::keyClicks(edit, words.at(n - 1));
    }
    saveScreenshot(&wizard, QStringLiteral("wizard-3-verify"));
    QVERIFY(nextEnabled(wizard));
    clickNext(wizard);

    enterNameAndPassword(wizard, QStringLiteral("default"), QStringLiteral("correct horse 42"));
    if (QTest::currentTestFailed()) return;
    QVERIFY(nextEnabled(wizard));
    saveScreenshot(&wizard, QStringLiteral("wizard-4-password"));

    // The GUI thread must keep running while the keyring runs Argon2id on the worker.
    int ticksWhileBusy = 0;
    QTimer ticker;
    ticker.setInterval(10);
    connect(&ticker, &QTimer::timeout, this, [&] {
        if (wizard.isBusy()) ++ticksWhileBusy;
    });
    ticker.start();

    clickNext(wizard);
    QCOMPARE(wizard.currentId(), int(FirstRunWizard::FinishId));
    QVERIFY(wizard.isBusy());
    auto* progress = child<QProgressBar>(&wizard, "saveProgress");
    QVERIFY(progress);
    QVERIFY(progress->isVisible());
    saveScreenshot(&wizard, QStringLiteral("wizard-5-saving"));
    for (auto b :
         {QWizard::BackButton, QWizard::NextButton, QWizard::FinishButton, QWizard::CancelButton})
        QVERIFY2(!wizard.button(b)->isEnabled(), "a button is enabled while the key is saved");

    auto* result = child<QLabel>(&wizard, "resultAddressLabel");
    QVERIFY(result);
    QTRY_VERIFY_WITH_TIMEOUT(!result->text().isEmpty(), kKeyringTimeoutMs);
    ticker.stop();
    qInfo("the GUI thread ticked %d times while the key was being saved", ticksWhileBusy);
    QVERIFY2(ticksWhileBusy >= 3,
             qPrintable(
                 QStringLiteral("the GUI thread ticked %1 times while busy").arg(ticksWhileBusy)));
    QVERIFY(!progress->isVisible());
    saveScreenshot(&wizard, QStringLiteral("wizard-6-done"));

    // The address is the phrase's account 0, as Keplr would derive it.
    const auto account = wallet::deriveAccount(mnemonic);
    QVERIFY(account.ok());
    QCOMPARE(result->text(), QString::fromStdString(account->address));
    QVERIFY(result->text().startsWith(QLatin1String("allo1")));
    QCOMPARE(created.size(), 1);
    const auto info = created.at(0).at(0).value<wallet::KeyInfo>();
    QCOMPARE(info.name, std::string("default"));
    QCOMPARE(info.address, account->address);

    // The key is in the keyring on disk: a second keyring on the same directory sees it.
    auto keyring = wallet::openKeyring(QFile::encodeName(dir.path()).toStdString(),
                                       wallet::KeyringBackend::File);
    QVERIFY(keyring.ok());
    const auto stored = (*keyring)->get("default");
    QVERIFY2(stored.ok(), stored.ok() ? "" : stored.message().c_str());
    QCOMPARE(stored->address, account->address);
    // … as a file named after the key, with no phrase in it in the clear.
    const std::filesystem::path keyDir = (*keyring)->directory();
    bool found = false;
    for (const auto& entry : std::filesystem::directory_iterator(keyDir)) {
        if (!entry.is_regular_file() || !entry.path().filename().string().starts_with("default"))
            continue;
        found = true;
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string content((std::istreambuf_iterator<char>(in)),
                                  std::istreambuf_iterator<char>());
        QVERIFY(content.find(mnemonic) == std::string::npos);
        QVERIFY(content.find(words.at(0).toStdString() + " " + words.at(1).toStdString()) ==
                std::string::npos);
    }
    QVERIFY2(found, ("no key file in " + keyDir.string()).c_str());

    // Saved: only Finish is left, and the secrets are gone from the widgets.
    QVERIFY(wizard.button(QWizard::FinishButton)->isEnabled());
    QVERIFY(!wizard.button(QWizard::BackButton)->isEnabled());
    QCOMPARE(view->wordCount(), 0);
    QVERIFY(child<QLineEdit>(&wizard, "passwordEdit")->text().isEmpty());
    QVERIFY(child<QLineEdit>(&wizard, "passwordConfirmEdit")->text().isEmpty());
    // What next: a local network by default; joining one waits for peer-to-peer networking.
    auto* local = child<QRadioButton>(&wizard, "tryLocalNetworkRadio");
    auto* join = child<QRadioButton>(&wizard, "joinNetworkRadio");
    QVERIFY(local && join);
    QVERIFY(local->isVisible() && local->isChecked());
    QVERIFY(!join->isEnabled());
    QSignalSpy chosen(&wizard, &FirstRunWizard::localNetworkChosen);
    wizard.button(QWizard::FinishButton)->click();
    QCOMPARE(wizard.result(), int(QDialog::Accepted));
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(model->keys().size(), 1);
}

void FirstRunWizardTest::restorePath() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto model = openModel(dir.path(), wallet::KeyringBackend::File);
    QVERIFY(model);

    FirstRunWizard wizard(model.get());
    QSignalSpy created(&wizard, &FirstRunWizard::keyCreated);
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));

    // Extra spaces and capitals, as pasted text may have.
    enterPhrase(wizard, QStringLiteral("  Special sign fit simple patrol salute grocery chicken\n"
                                       "wheat radar tonight ceiling "));
    if (QTest::currentTestFailed()) return;
    QVERIFY(nextEnabled(wizard));
    auto* feedback = child<QLabel>(&wizard, "mnemonicFeedbackLabel");
    QVERIFY(feedback);
    QVERIFY(feedback->text().contains(QLatin1String("12")));
    saveScreenshot(&wizard, QStringLiteral("wizard-restore"));
    clickNext(wizard);

    enterNameAndPassword(wizard, QStringLiteral("cosmjs"), QStringLiteral("another password"));
    if (QTest::currentTestFailed()) return;
    clickNext(wizard);
    QVERIFY(wizard.isBusy());

    auto* result = child<QLabel>(&wizard, "resultAddressLabel");
    QVERIFY(result);
    QTRY_VERIFY_WITH_TIMEOUT(!result->text().isEmpty(), kKeyringTimeoutMs);

    const auto account = wallet::deriveAccount(kCosmjsMnemonic);
    QVERIFY(account.ok());
    QCOMPARE(result->text(), QString::fromStdString(account->address));
    QVERIFY(result->text().startsWith(QLatin1String("allo1")));
    // Independently of our derivation: cosmjs's official address, re-encoded under "allo".
    const auto payload = bech32::decodeAddress(kCosmjsCosmosAddress, "cosmos");
    QVERIFY(payload.ok());
    const auto allo = bech32::encodeAddress("allo", *payload);
    QVERIFY(allo.ok());
    QCOMPARE(result->text(), QString::fromStdString(*allo));

    QCOMPARE(created.size(), 1);
    auto keyring = wallet::openKeyring(QFile::encodeName(dir.path()).toStdString(),
                                       wallet::KeyringBackend::File);
    QVERIFY(keyring.ok());
    const auto stored = (*keyring)->get("cosmjs");
    QVERIFY(stored.ok());
    QCOMPARE(stored->address, *allo);
    QVERIFY(child<QPlainTextEdit>(&wizard, "mnemonicEdit")->toPlainText().isEmpty());
}

void FirstRunWizardTest::invalidMnemonicKeepsNextDisabled() {
    QTemporaryDir dir;
    auto model = openModel(dir.path(), wallet::KeyringBackend::File);
    QVERIFY(model);
    FirstRunWizard wizard(model.get());
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    enterPhrase(wizard, QString());
    if (QTest::currentTestFailed()) return;
    auto* edit = child<QPlainTextEdit>(&wizard, "mnemonicEdit");
    auto* feedback = child<QLabel>(&wizard, "mnemonicFeedbackLabel");
    QVERIFY(feedback);

    struct Case {
        const char* phrase;
        const char* expected;  // part of the message
    };
    const Case cases[] = {
        {"", "Enter"},
        {"special sign fit simple patrol", "5 words"},
        {"special sign fit simple patrol salute grocery chicken wheat radar tonight", "11 words"},
        {"special sign fit simple patrol salute grocery chicken wheat radar tonight ceilin ",
         "not in the BIP-39 word list"},
        {"specail sign fit ", "Word 1"},
        // Valid words, wrong order: the checksum catches it.
        {"sign special fit simple patrol salute grocery chicken wheat radar tonight ceiling",
         "checksum"},
        {"abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon "
         "abandon abandon",
         "checksum"},
    };
    for (const Case& c : cases) {
        edit->setPlainText(QString::fromLatin1(c.phrase));
        QVERIFY2(!nextEnabled(wizard), c.phrase);
        QVERIFY2(
            feedback->text().contains(QLatin1String(c.expected)),
            qPrintable(QStringLiteral("%1 → %2").arg(QLatin1String(c.phrase), feedback->text())));
    }
    saveScreenshot(&wizard, QStringLiteral("wizard-restore-invalid"));
    // A word still being typed is not flagged yet.
    edit->setPlainText(QStringLiteral("special sign fit simp"));
    QVERIFY(!feedback->text().contains(QLatin1String("word list")));

    edit->setPlainText(QString::fromLatin1(kCosmjsMnemonic));
    QVERIFY(nextEnabled(wizard));
    edit->setPlainText(QString::fromLatin1(kCosmjsMnemonic) + QStringLiteral(" ceiling"));
    QVERIFY(!nextEnabled(wizard));
}

void FirstRunWizardTest::passwordRulesKeepNextDisabled() {
    QTemporaryDir dir;
    auto model = openModel(dir.path(), wallet::KeyringBackend::File);
    QVERIFY(model);
    FirstRunWizard wizard(model.get());
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    enterPhrase(wizard, QString::fromLatin1(kCosmjsMnemonic));
    if (QTest::currentTestFailed()) return;
    clickNext(wizard);
    QCOMPARE(wizard.currentId(), int(FirstRunWizard::KeyPasswordId));

    auto* nameEdit = child<QLineEdit>(&wizard, "keyNameEdit");
    auto* passwordEdit = child<QLineEdit>(&wizard, "passwordEdit");
    auto* confirmEdit = child<QLineEdit>(&wizard, "passwordConfirmEdit");
    auto* feedback = child<QLabel>(&wizard, "passwordFeedbackLabel");
    auto* strength = child<QLabel>(&wizard, "passwordStrengthLabel");
    QVERIFY(nameEdit && passwordEdit && confirmEdit && feedback && strength);
    QCOMPARE(nameEdit->text(), QStringLiteral("default"));
    QVERIFY(!nextEnabled(wizard));  // no password yet

    QTest::keyClicks(passwordEdit, QStringLiteral("password-one"));
    QTest::keyClicks(confirmEdit, QStringLiteral("password-two"));
    QVERIFY(!nextEnabled(wizard));
    QVERIFY(!feedback->text().isEmpty());
    saveScreenshot(&wizard, QStringLiteral("wizard-password-mismatch"));

    confirmEdit->setText(QStringLiteral("password-one"));
    QVERIFY(nextEnabled(wizard));
    QVERIFY(feedback->text().isEmpty());

    // Too short, even when both fields agree.
    passwordEdit->setText(QStringLiteral("short"));
    confirmEdit->setText(QStringLiteral("short"));
    QVERIFY(!nextEnabled(wizard));
    QVERIFY(feedback->text().contains(QLatin1String("8")));
    QVERIFY(strength->text().contains(QLatin1String("weak")));

    passwordEdit->setText(QStringLiteral("Tr0ub4dor&3 horse staple"));
    confirmEdit->setText(QStringLiteral("Tr0ub4dor&3 horse staple"));
    QVERIFY(nextEnabled(wizard));
    QVERIFY(strength->text().contains(QLatin1String("strong")));

    // A name the keyring would refuse.
    nameEdit->setText(QStringLiteral("my key"));
    QVERIFY(!nextEnabled(wizard));
    nameEdit->setText(QStringLiteral(".hidden"));
    QVERIFY(!nextEnabled(wizard));
    nameEdit->setText(QString());
    QVERIFY(!nextEnabled(wizard));
    nameEdit->setText(QStringLiteral("my-key_1.0"));
    QVERIFY(nextEnabled(wizard));
}

void FirstRunWizardTest::takenNameIsRefused() {
    QTemporaryDir dir;
    auto model = openModel(dir.path(), wallet::KeyringBackend::Test);
    QVERIFY(model);
    QSignalSpy added(model.get(), &WalletModel::keyAdded);
    model->addKey(QStringLiteral("default"),
                  std::make_shared<const SecureBytes>(SecureBytes::fromString(kCosmjsMnemonic)),
                  std::make_shared<const SecureBytes>());
    QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, kKeyringTimeoutMs);

    FirstRunWizard wizard(model.get());
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    enterPhrase(wizard, QString::fromLatin1(kCosmjsMnemonic));
    if (QTest::currentTestFailed()) return;
    clickNext(wizard);
    // The test backend asks for no password, and a free name is offered.
    auto* nameEdit = child<QLineEdit>(&wizard, "keyNameEdit");
    QVERIFY(nameEdit);
    QVERIFY(!child<QLineEdit>(&wizard, "passwordEdit")->isVisible());
    QVERIFY(child<QLabel>(&wizard, "unencryptedNoteLabel")->isVisible());
    QCOMPARE(nameEdit->text(), QStringLiteral("wallet2"));
    QVERIFY(nextEnabled(wizard));
    nameEdit->setText(QStringLiteral("default"));
    QVERIFY(!nextEnabled(wizard));
    QVERIFY(child<QLabel>(&wizard, "passwordFeedbackLabel")
                ->text()
                .contains(QLatin1String("already exists")));
}

void FirstRunWizardTest::cancelClearsSecrets() {
    QTemporaryDir dir;
    auto model = openModel(dir.path(), wallet::KeyringBackend::File);
    QVERIFY(model);
    FirstRunWizard wizard(model.get());
    wizard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&wizard));
    clickNext(wizard);  // "create" is the default choice
    auto* view = child<MnemonicView>(&wizard, "mnemonicView");
    QVERIFY(view);
    QTRY_COMPARE_WITH_TIMEOUT(view->wordCount(), 24, kKeyringTimeoutMs);

    // Back to the start forgets the phrase; creating again makes a new one.
    const QStringList first = shownWords(wizard);
    wizard.button(QWizard::BackButton)->click();
    QCOMPARE(view->wordCount(), 0);
    clickNext(wizard);
    QTRY_COMPARE_WITH_TIMEOUT(view->wordCount(), 24, kKeyringTimeoutMs);
    QVERIFY(shownWords(wizard) != first);

    wizard.button(QWizard::CancelButton)->click();
    QCOMPARE(wizard.result(), int(QDialog::Rejected));
    QCOMPARE(view->wordCount(), 0);
    QVERIFY(wizard.findChildren<QLabel*>(QStringLiteral("mnemonicWord1")).isEmpty());
    QVERIFY(model->keys().isEmpty());
}

QTEST_MAIN(FirstRunWizardTest)
#include "test_first_run_wizard.moc"
