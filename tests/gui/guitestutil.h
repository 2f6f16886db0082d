// Helpers shared by the GUI tests: a wallet model opened on a real keyring, wizard driving, and
// screenshots (written only when ALLORA_SCREENSHOT_DIR is set).
#pragma once

#include <QAbstractButton>
#include <QDir>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>
#include <QTranslator>
#include <QWidget>
#include <QWizard>
#include <memory>

#include "ui/firstrunwizard.h"
#include "ui/walletmodel.h"

namespace allora::ui::test {

// The cosmjs test mnemonic (cosmjs proto-signing directsecp256k1hdwallet.spec.ts) and its official
// address; the same key under Allora's prefix has the same payload.
inline const char* const kCosmjsMnemonic =
    "special sign fit simple patrol salute grocery chicken wheat radar tonight ceiling";
inline const char* const kCosmjsCosmosAddress = "cosmos1jhg0e7s6gn44tfc5k37kr04sznyhedtc9rzys5";

// Argon2id plus a slow CI machine: generous, the happy path takes about a second.
constexpr int kKeyringTimeoutMs = 20000;

// A model opened on a keyring in `dir`; nullptr (with a test failure) if it did not open.
inline std::unique_ptr<WalletModel> openModel(const QString& dir, wallet::KeyringBackend backend) {
    auto model = std::make_unique<WalletModel>();
    QSignalSpy failed(model.get(), &WalletModel::openFailed);
    model->open(QFile::encodeName(dir).toStdString(), backend);
    if (!QTest::qWaitFor([&] { return model->isOpen() || !failed.isEmpty(); }, 10000)) return {};
    if (!model->isOpen()) {
        qWarning("open failed: %s", qPrintable(failed.value(0).value(0).toString()));
        return {};
    }
    return model;
}

// The English translation compiled into allora_ui (:/i18n), as allora-qt installs it: it holds
// the English plural forms. False when it is missing.
inline bool installEnglishTranslator() {
    auto* translator = new QTranslator(QCoreApplication::instance());
    if (!translator->load(QStringLiteral(":/i18n/allora_en"))) return false;
    return QCoreApplication::installTranslator(translator);
}

inline void saveScreenshot(QWidget* widget, const QString& name) {
    const QString dir = qEnvironmentVariable("ALLORA_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    QDir().mkpath(dir);
    QCoreApplication::processEvents();
    widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}

template <typename T>
T* child(QObject* parent, const char* name) {
    return parent->findChild<T*>(QString::fromLatin1(name));
}

inline bool nextEnabled(QWizard& w) {
    return w.button(QWizard::NextButton)->isEnabled();
}
inline void clickNext(QWizard& w) {
    w.button(QWizard::NextButton)->click();
}

}  // namespace allora::ui::test
