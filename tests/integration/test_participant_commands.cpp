// What allora-worker and allora-reputer do with an operator's command (app/participant/): real
// `/bin/sh -c` children get the JSON on stdin, their stdout is capped, a timeout or a stop kills
// the whole process group (a background grandchild included) and the child is reaped; and the
// output is read as one decimal of the chain's kind, with optional ADDRESS=LOSS lines.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>

#include <thread>

#include "app/participant/child_process.h"
#include "app/participant/participant_app.h"
#include "wallet/account.h"

using namespace allora;
using namespace allora::participant;
using namespace std::chrono_literals;

namespace {

std::atomic<bool> noStop{false};

// True while `pid` is a live (not zombie) process.
bool alive(pid_t pid) {
    QFile stat(QString("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) return false;
    const QByteArray s = stat.readAll();
    const qsizetype close = s.lastIndexOf(')');
    return close > 0 && close + 2 < s.size() && s[close + 2] != 'Z' && s[close + 2] != 'X';
}

}  // namespace

class TestParticipantCommands : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void stdinReachesTheCommandAndStdoutComesBack() {
        const ChildResult r = runShellCommand("cat; echo done", "{\"topic_id\": 1}\n", 5s, noStop);
        QVERIFY(r.ok());
        QCOMPARE(QString::fromStdString(r.out), QString("{\"topic_id\": 1}\ndone\n"));
        // A command that never reads a large stdin does not block us.
        const ChildResult ignored =
            runShellCommand("echo 2", std::string(1 << 20, 'x'), 5s, noStop);
        QVERIFY(ignored.ok());
        QCOMPARE(QString::fromStdString(ignored.out), QString("2\n"));
    }

    void failuresAreDescribed() {
        const ChildResult exit3 = runShellCommand("echo oops >&2; exit 3", "", 5s, noStop);
        QVERIFY(!exit3.ok());
        QCOMPARE(QString::fromStdString(describeFailure(exit3, 5s)),
                 QString("exited with status 3 (stderr: 'oops')"));
        const ChildResult killed = runShellCommand("kill -9 $$", "", 5s, noStop);
        QCOMPARE(killed.end, ChildResult::End::Signaled);
        QCOMPARE(killed.signal, SIGKILL);
        const ChildResult flood = runShellCommand("head -c 100000 /dev/zero", "", 5s, noStop);
        QVERIFY(flood.outTruncated);
        QVERIFY(!flood.ok());
        QCOMPARE(flood.out.size(), kMaxChildOutput);
    }

    void aTimeoutKillsTheWholeGroup() {
        QTemporaryDir dir;
        const QString pidFile = dir.filePath("pid");
        QElapsedTimer t;
        t.start();
        const ChildResult r = runShellCommand(
            QString("sleep 30 & echo $! > " + pidFile + "; wait").toStdString(), "", 300ms, noStop);
        QCOMPARE(r.end, ChildResult::End::TimedOut);
        QVERIFY(t.elapsed() < 3'000);
        QCOMPARE(QString::fromStdString(r.describe(300ms)),
                 QString("timed out after 300 ms (killed)"));
        QFile f(pidFile);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const pid_t grandchild = static_cast<pid_t>(f.readAll().trimmed().toInt());
        QVERIFY(grandchild > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!alive(grandchild), 3'000);
    }

    void theStopFlagKillsARunningCommand() {
        std::atomic<bool> stop{false};
        std::thread stopper([&] {
            std::this_thread::sleep_for(200ms);
            stop = true;
        });
        QElapsedTimer t;
        t.start();
        const ChildResult r = runShellCommand("sleep 30", "", 60s, stop);
        stopper.join();
        QCOMPARE(r.end, ChildResult::End::Stopped);
        QVERIFY(t.elapsed() < 3'000);
    }

    void outputIsOneNumberAndOptionalForecasts() {
        auto plain = parseModelOutput("  1.5 \n\n", true);
        QVERIFY(plain);
        QCOMPARE(QString::fromStdString(plain->value), QString("1.5"));
        QVERIFY(plain->forecasts.empty());

        const std::string other = wallet::deriveAccount(
                                      "abandon abandon abandon abandon abandon abandon abandon "
                                      "abandon abandon abandon abandon about")
                                      ->address;
        auto withForecasts = parseModelOutput("-2e-3\n" + other + " = -1.25\n", true);
        QVERIFY2(withForecasts, withForecasts ? "" : withForecasts.message().c_str());
        QCOMPARE(withForecasts->forecasts.size(), size_t{1});
        QCOMPARE(QString::fromStdString(withForecasts->forecasts[0].first),
                 QString::fromStdString(other));
        QCOMPARE(QString::fromStdString(withForecasts->forecasts[0].second), QString("-1.25"));

        struct Case {
            std::string out;
            bool forecasts;
            const char* reason;
        } cases[] = {
            {"", true, "printed no number"},
            {"nan\n", true, "is not a number"},
            {"1e400\n", true, "is not a number"},
            {"The answer is 4\n", true, "is not a number"},
            {"1\n2\n", true, "neither the first number nor ADDRESS=LOSS"},
            {"1\n" + other + "=x\n", true, "the loss 'x' is not a number"},
            {"1\nallo1nope=1\n", true, "is not an address"},
            {"1\n" + other + "=1\n", false, "print one number only"},
        };
        for (const Case& c : cases) {
            auto r = parseModelOutput(c.out, c.forecasts);
            QVERIFY2(!r, c.out.c_str());
            QVERIFY2(r.message().find(c.reason) != std::string::npos, r.message().c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestParticipantCommands)
#include "test_participant_commands.moc"
