// allorad devnet: the one-command development network. The first run creates the home (funding
// the given addresses, or the home keyring's keys) and starts producing blocks; a second run
// resumes the same chain; creation-only flags on an existing home and a devnet with nobody to
// fund are refused with a clear message. With --participants, the reference workers and reputers
// run inside allorad: their keys sealed in HOME/participants, the demo topics created by their
// transactions, epochs synthesized and scored; SIGTERM stops them and the node cleanly, and a
// second run resumes them. Once they stake, the mint module mints every block (the devnet genesis
// sets its params: a ten-minute "month"), so the total supply rises block by block.
#include <QtTest/QtTest>

#include "node_harness.h"

using namespace allora;
using namespace nodetest;

class TestDevnet : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void createsFundsAndResumes() {
        NodeHome node;
        const Key& alice = key(0);
        const Key& bob = key(1);
        const QString fund = QString::fromStdString(alice.address() + "," + bob.address());
        node.start({"devnet", "--fund", fund, "--block-time-ms", "200"});
        // 1,000,000 ALLO each, and nothing else in the supply.
        const Amount million = *Amount::parse("1000000000000000000000000");
        QCOMPARE(node.balance(alice.address()), million);
        QCOMPARE(node.balance(bob.address()), million);
        QCOMPARE(node.supply(), *million.add(million));
        QVERIFY(node.logText().contains("created a devnet"));
        const uint64_t reached = node.height();
        QCOMPARE(node.stop(), 0);

        // The second run starts the same chain where it stopped; nothing is created again.
        node.start({"devnet"});
        QVERIFY(node.height() >= reached);
        QCOMPARE(node.balance(alice.address()), million);
        QCOMPARE(node.stop(), 0);

        // --fund only applies when the devnet is created.
        Run r = runProgram(bin("allorad"), {"devnet", "--home", node.home(), "--fund",
                                            QString::fromStdString(alice.address())});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("already holds a node"), qPrintable(r.err));
    }

    void fundsTheHomeKeyringWithoutFund() {
        NodeHome node;
        // A key in the home's (encrypted, file) keyring, as `allora-cli keys add` makes it.
        Run r = runProgram(
            bin("allora-cli"), {"keys", "add", "me", "--recover", "--home", node.home()},
            QByteArray(kMnemonic) + "\n" + "a long password 1\n" + "a long password 1\n");
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        node.start({"devnet"});
        QCOMPARE(node.balance(key(0).address()), *Amount::parse("1000000000000000000000000"));
        QCOMPARE(node.stop(), 0);
    }

    void runsTheReferenceParticipants() {
        NodeHome node;
        // Nobody but the participants to fund: allowed with --participants.
        node.start({"devnet", "--participants", "--block-time-ms", "100"});
        // Set-up (topics, registrations, stake) and a few epochs of 5 blocks.
        node.waitForHeight(45);
        // The participants' keyring files are readable by their owner only.
        const QDir keys(node.home() + "/participants");
        QDirIterator it(keys.path(), QDir::Files, QDirIterator::Subdirectories);
        int files = 0;
        while (it.hasNext()) {
            const QString f = it.next();
            ++files;
            QCOMPARE(QFile::permissions(f) & (QFileDevice::ReadGroup | QFileDevice::ReadOther),
                     QFileDevice::Permissions());
        }
        QVERIFY(files > 0);
        // Stake exists since the set-up: each block mints its share of the monthly emission.
        const Amount before = node.supply();
        node.waitForHeight(node.height() + 3);
        const Amount after = node.supply();
        QVERIFY2(after > before, (before.toUalloString() + " -> " + after.toUalloString()).c_str());
        const uint64_t reached = node.height();
        QCOMPARE(node.stop(), 0);
        QVERIFY2(node.logText().contains("set-up complete: 3 demo topics"),
                 qPrintable(node.logText()));
        QVERIFY2(node.logText().contains("network inference"), qPrintable(node.logText()));
        QVERIFY2(!node.logText().contains("refused"), qPrintable(node.logText()));

        // Resumed: the same topics are found, none is created again.
        node.start({"devnet", "--participants"});
        node.waitForHeight(reached + 15);
        // The participants' keys unlock (Argon2id) next to the validator key's, and the
        // participants start once the node runs: on a loaded machine their first log line can
        // come after the blocks above.
        QVERIFY2(node.waitForLog("demo topic 3:", 2), qPrintable(node.logText()));
        QCOMPARE(node.stop(), 0);
        QCOMPARE(node.logText().count("creating 3 demo topics"), 1);
        QCOMPARE(node.logText().count("demo topic 3:"), 2);
    }

    void participantsNeedADevnetCreatedWithThem() {
        NodeHome node;
        node.start({"devnet", "--fund", QString::fromStdString(key(0).address())});
        QCOMPARE(node.stop(), 0);
        Run r = runProgram(bin("allorad"), {"devnet", "--participants", "--home", node.home()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("without --participants"), qPrintable(r.err));
    }

    void refusesBadInput() {
        NodeHome node;
        // Nobody to fund: no --fund and an empty keyring.
        Run r = runProgram(bin("allorad"), {"devnet", "--home", node.home()}, "x\n");
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("nothing to fund"), qPrintable(r.err));
        QVERIFY(!QFile::exists(node.home() + "/config/config.json"));
        // A malformed address names itself.
        r = runProgram(bin("allorad"),
                       {"devnet", "--home", node.home(), "--fund", "allo1notanaddress"}, "x\n");
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains("allo1notanaddress"), qPrintable(r.err));
        r = runProgram(bin("allorad"), {"devnet", "--home", node.home(), "--block-time-ms", "0",
                                        "--fund", QString::fromStdString(key(0).address())});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(!QFile::exists(node.home() + "/config/config.json"));
    }
};

QTEST_GUILESS_MAIN(TestDevnet)
#include "test_devnet.moc"
