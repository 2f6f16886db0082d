// allora-qt: the desktop node and wallet. The composition root: it parses the command line, opens
// the wallet in the home directory and shows the first-run wizard (when the keyring has no keys)
// and then the main window, which runs the home's node in this process (a local network).
#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QIcon>
#include <QLabel>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QTextStream>
#include <QTimer>
#include <QTranslator>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <sqlite3.h>

#include "core/paths.h"
#include "ui/firstrunwizard.h"
#include "ui/mainwindow.h"
#include "ui/nodemodel.h"
#include "ui/walletmodel.h"
#include "wallet/keyring.h"

namespace {

void installTranslators(QApplication& app) {
    // Qt's own strings (standard buttons, dialogs), then ours, compiled into the binary.
    auto* qt = new QTranslator(&app);
    if (qt->load(QLocale(), QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qt);
    // English is the source language, but its plural forms ("1 word", "2 words") live in
    // allora_en: it is the fallback when there is no translation for the user's language.
    auto* allora = new QTranslator(&app);
    if (allora->load(QLocale(), QStringLiteral("allora"), QStringLiteral("_"),
                     QStringLiteral(":/i18n")) ||
        allora->load(QStringLiteral(":/i18n/allora_en")))
        QApplication::installTranslator(allora);
}

// The heap is kept rather than handed back to the kernel after every large free: a block's
// execution allocates and frees tens of MB, and re-faulting those pages cost 12-18 % of the
// kernel time of applying a block (tests/bench/bench_chain). Memory freed stays reserved up to
// the trim threshold; allocations under the mmap threshold come from the heap.
//
// allora-qt does NOT do this by default (ALLORA_QT_KEEP_HEAP=1 turns it on): the desktop's target
// is resident memory (issue 6: < 250 MB after 10 minutes of a devnet with participants), and a
// 256 MB trim threshold lets up to 256 MB of freed heap stay resident after a burst, the whole
// budget, for a gain measured on 1k-10k-tx blocks that a desktop devnet rarely applies. Measured
// with tests/bench/bench_gui (2-core machine shared with other builds): with and without these
// settings, VmRSS 131 MB both ways after 30 s of ~1,000 MsgSend/s into the in-process node with
// the window and participants (55 MB before), allora-qt idle on the devnet 61 vs 59 MB after
// 60 s, and the GUI latency's p99 5-7 ms either way (its max, 50-100 ms, moved with the machine's
// load, not with the setting). So the settings buy the desktop nothing measurable here and only
// raise the worst case; glibc's adaptive defaults stay.
constexpr bool kKeepHeapByDefault = false;
void keepHeapPages() {
#if defined(__GLIBC__)
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
}

}  // namespace

int main(int argc, char* argv[]) {
    const auto launched = std::chrono::steady_clock::now();
    // ALLORA_QT_KEEP_HEAP=0/1 overrides the choice, for tests/bench/bench_gui's comparison.
    const QByteArray keepHeap = qgetenv("ALLORA_QT_KEEP_HEAP");
    if (keepHeap.isEmpty() ? kKeepHeapByDefault : keepHeap != "0") keepHeapPages();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Allora"));
    QApplication::setOrganizationDomain(QStringLiteral("allora.network"));
    QApplication::setApplicationName(QStringLiteral("Allora"));
    QApplication::setApplicationVersion(QString::fromLatin1(allora::versionString()));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/icons/allora.svg")));
    installTranslators(app);

    const QString defaultHome = QFile::decodeName(allora::defaultHome().string().c_str());
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("allora-qt", "Allora desktop node and wallet."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption homeOption(
        QStringLiteral("home"),
        QCoreApplication::translate("allora-qt",
                                    "Home directory of the wallet and node (default: %1).")
            .arg(defaultHome),
        QCoreApplication::translate("allora-qt", "DIR"), defaultHome);
    const QCommandLineOption backendOption(
        QStringLiteral("keyring-backend"),
        QCoreApplication::translate(
            "allora-qt",
            "Keyring backend: file (encrypted, the default) or test (unencrypted, for "
            "development networks)."),
        QCoreApplication::translate("allora-qt", "BACKEND"), QStringLiteral("file"));
    // For benchmarks (tests/bench/bench_gui): start the home's node with the validator password
    // in FILE and print, in ms since main(), "usable <ms>" once the main window shows the wallet's
    // pages with the account's balances read from the chain, has painted them and takes input
    // again, and "running <ms>" once the node runs (keys unlocked, blocks being produced,
    // participants started), with "phase <name> <ms>" lines on the way and, each minute after,
    // "memory <ms> sqlite-heap-kib <KiB>"; quit --quit-after seconds after both (default: at
    // once). Not for everyday use: the password sits in a file.
    const QCommandLineOption measureOption(
        QStringLiteral("measure-start"),
        QCoreApplication::translate("allora-qt",
                                    "Benchmark: start the node with the validator password in "
                                    "FILE, print \"usable <ms>\" when the window shows the "
                                    "wallet's balances and \"running <ms>\" when the node "
                                    "runs, then quit."),
        QCoreApplication::translate("allora-qt", "FILE"));
    const QCommandLineOption quitAfterOption(
        QStringLiteral("quit-after"),
        QCoreApplication::translate("allora-qt",
                                    "With --measure-start: quit SECONDS after both (default 0)."),
        QCoreApplication::translate("allora-qt", "SECONDS"), QStringLiteral("0"));
    parser.addOption(homeOption);
    parser.addOption(backendOption);
    parser.addOption(measureOption);
    parser.addOption(quitAfterOption);
    parser.process(app);

    const auto backend = allora::wallet::parseBackend(parser.value(backendOption).toStdString());
    if (!backend) {
        QTextStream(stderr) << QCoreApplication::translate(
                                   "allora-qt",
                                   "allora-qt: unknown keyring backend \"%1\" (expected "
                                   "file or test)")
                                   .arg(parser.value(backendOption))
                            << Qt::endl;
        return 2;
    }
    const std::filesystem::path home(QFile::encodeName(parser.value(homeOption)).toStdString());

    // Until the main window is up, closing the wizard must not end the program.
    QApplication::setQuitOnLastWindowClosed(false);

    allora::ui::WalletModel wallet;
    // The node of this home runs inside the program; its model stops it (the block in progress
    // commits) when the program ends.
    allora::ui::NodeModel node(home);
    // "Try a local network" creates a devnet with the demo topics and their reference workers
    // and reputers, which then run inside the program next to the node.
    node.setCreateParticipants(true);
    allora::ui::MainWindow window(&wallet, &node);  // destroyed before the models it shows

    auto showWindow = [&window] {
        window.show();
        QApplication::setQuitOnLastWindowClosed(true);
    };
    QObject::connect(&wallet, &allora::ui::WalletModel::opened, &window, [&] {
        if (!wallet.keys().isEmpty()) {
            showWindow();
            return;
        }
        auto* wizard = new allora::ui::FirstRunWizard(&wallet, &window);
        wizard->setAttribute(Qt::WA_DeleteOnClose);
        QObject::connect(wizard, &QDialog::finished, &window, showWindow);
        // "Try a local network" (the wizard's default last choice) creates it right away.
        QObject::connect(wizard, &allora::ui::FirstRunWizard::localNetworkChosen, &window,
                         &allora::ui::MainWindow::createLocalNetworkIfNone);
        wizard->show();
    });
    QObject::connect(
        &wallet, &allora::ui::WalletModel::openFailed, &window, [&](const QString& message) {
            showWindow();
            QMessageBox::critical(&window, QCoreApplication::translate("allora-qt", "Allora"),
                                  QCoreApplication::translate(
                                      "allora-qt", "The wallet in %1 could not be opened:\n%2")
                                      .arg(parser.value(homeOption), message));
        });
    wallet.open(home, *backend);

    if (parser.isSet(measureOption)) {
        QFile file(parser.value(measureOption));
        if (!file.open(QIODevice::ReadOnly)) {
            QTextStream(stderr) << "allora-qt: cannot read " << file.fileName() << Qt::endl;
            return 2;
        }
        node.start(std::make_shared<const allora::SecureBytes>(
            allora::SecureBytes::fromString(file.readAll().trimmed().toStdString())));
        auto since = [launched] {
            return static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                              std::chrono::steady_clock::now() - launched)
                                              .count());
        };
        auto print = [](const char* what, long long ms) {
            std::printf("%s %lld\n", what, ms);
            std::fflush(stdout);
        };
        // Milestones, printed once each in the order they happen (for the breakdown).
        QObject::connect(&wallet, &allora::ui::WalletModel::opened, &app,
                         [=] { print("phase wallet-open", since()); });
        QObject::connect(&node, &allora::ui::NodeModel::stateChanged, &app,
                         [=, &node, printed = false]() mutable {
                             if (printed || !node.readable()) return;
                             printed = true;
                             print("phase chain-readable", since());
                         });
        struct Marks {
            bool shown = false, usable = false, running = false, repainted = false;
        };
        auto marks = std::make_shared<Marks>();
        auto* check = new QTimer(&app);
        check->setInterval(2);
        QObject::connect(check, &QTimer::timeout, &app, [&, check, marks, since, print] {
            if (node.state() == allora::ui::NodeModel::State::Failed) {
                QTextStream(stderr) << "allora-qt: " << node.lastError() << Qt::endl;
                QCoreApplication::exit(1);
                return;
            }
            if (!marks->shown && window.isVisible()) {
                marks->shown = true;
                print("phase window-shown", since());
            }
            // Usable: the window shows the wallet's pages with the account's balances read from
            // the chain (not the "—" of before), has painted them, and its event loop has
            // turned since (it takes input).
            auto* balance = window.findChild<QLabel*>(QStringLiteral("spendableBalanceLabel"));
            if (!marks->repainted && window.isVisible() && wallet.isOpen() && balance != nullptr &&
                balance->isVisible() && balance->text() != QStringLiteral("—")) {
                marks->repainted = true;
                window.repaint();
                QTimer::singleShot(0, &app, [marks, since, print] {
                    marks->usable = true;
                    print("usable", since());
                });
            }
            // Node running: its keys are unlocked and the engine (blocks at the block time), the
            // API and the participants have started.
            if (!marks->running && node.state() == allora::ui::NodeModel::State::Running) {
                marks->running = true;
                print("running", since());
            }
            if (!marks->usable || !marks->running) return;
            check->stop();
            // On long runs, what the node's SQLite holds (its page caches: 64 MiB at most per
            // connection, core/sqlite.h) each minute, to tell its growth from the rest's.
            auto* memory = new QTimer(&app);
            memory->setInterval(60000);
            QObject::connect(memory, &QTimer::timeout, &app, [since] {
                std::printf("memory %lld sqlite-heap-kib %lld\n", since(),
                            static_cast<long long>(sqlite3_memory_used() / 1024));
                std::fflush(stdout);
            });
            memory->start();
            QTimer::singleShot(parser.value(quitAfterOption).toInt() * 1000, &app,
                               &QCoreApplication::quit);
        });
        check->start();
    }

    return QApplication::exec();
}
