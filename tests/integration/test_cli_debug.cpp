// Integration: the real `allora-cli debug synthesize FILE|-` binary (PROTOCOL.md §6, the synthesis
// case contract). The five real epochs of tests/vectors/allora come out to 1e-9 relative in every
// expected field, from a file and from stdin alike, with the contract's fields and weights that
// reproduce the network inference; invalid cases (a NaN or infinite number, malformed JSON, no
// inferences, a missing regret, an overflowing synthesis) exit 2 with one line on stderr and
// nothing on stdout. No node runs here.
//
// The output is read with Qt's JSON parser, not the node's case_json, so the test does not check
// the printer with the code that wrote it.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <functional>

namespace {

struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

QString cliPath() {
    return QStringLiteral(ALLORA_BIN_DIR "/allora-cli");
}

// allora-cli with `args`, `input` on stdin (then closed).
Run cli(const QStringList& args, const QByteArray& input = {}) {
    QProcess p;
    p.start(cliPath(), args);
    if (!p.waitForStarted()) qFatal("%s did not start", qPrintable(cliPath()));
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60'000)) {
        p.kill();
        p.waitForFinished();
        qFatal("allora-cli %s timed out", qPrintable(args.join(' ')));
    }
    Run r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString vectorPath(int epoch) {
    return QStringLiteral(ALLORA_TEST_VECTORS_DIR "/allora/synthesis_epoch_%1.json").arg(epoch);
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) qFatal("cannot open %s", qPrintable(path));
    return f.readAll();
}

QJsonObject objectOf(const QByteArray& text) {
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) return {};
    return doc.object();
}

bool closeTo(double got, double want, double relative = 1e-9) {
    return std::isfinite(got) &&
           std::fabs(got - want) <= relative * std::max(std::fabs(want), 1e-300);
}

QString describe(const Run& r) {
    return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
        .arg(r.exitCode)
        .arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
}

// A number field of the output compared to the expected one; empty when they agree.
QString compareNumber(const QJsonValue& got, double want, const QString& field) {
    if (!got.isDouble()) return field + " is missing or not a number";
    if (!closeTo(got.toDouble(), want))
        return QStringLiteral("%1: got %2, want %3")
            .arg(field)
            .arg(got.toDouble(), 0, 'g', 17)
            .arg(want, 0, 'g', 17);
    return {};
}

// Every field of `expected` in `got` to 1e-9 relative; returns the differences (none: empty) and
// counts the numbers compared.
QStringList compareExpected(const QJsonObject& got, const QJsonObject& expected, int& compared) {
    QStringList problems;
    for (auto it = expected.begin(); it != expected.end(); ++it) {
        const QString field = it.key();
        const QJsonValue want = it.value();
        const QJsonValue have = got.value(field);
        if (want.isDouble()) {
            if (QString p = compareNumber(have, want.toDouble(), field); !p.isEmpty())
                problems << p;
            ++compared;
        } else if (want.isArray()) {
            const QJsonArray w = want.toArray();
            const QJsonArray g = have.toArray();
            if (!have.isArray() || g.size() != w.size()) {
                problems << field + ": not an array of " + QString::number(w.size());
                continue;
            }
            for (qsizetype i = 0; i < w.size(); ++i, ++compared)
                if (QString p = compareNumber(g[i], w[i].toDouble(),
                                              QStringLiteral("%1[%2]").arg(field).arg(i));
                    !p.isEmpty())
                    problems << p;
        } else if (want.isObject()) {
            const QJsonObject w = want.toObject();
            const QJsonObject g = have.toObject();
            if (!have.isObject() || g.keys() != w.keys()) {
                problems << field + ": actors differ";
                continue;
            }
            for (auto a = w.begin(); a != w.end(); ++a, ++compared)
                if (QString p = compareNumber(g.value(a.key()), a.value().toDouble(),
                                              field + "." + a.key());
                    !p.isEmpty())
                    problems << p;
        } else {
            problems << field + ": unexpected kind in the vector";
        }
    }
    return problems;
}

// The combined weights reproduce the network inference: Σ w·x / Σ w over the inferences and the
// forecast-implied inferences (PROTOCOL.md §6, weighted value; Σ w is far above the safe floor).
QStringList checkWeights(const QJsonObject& got, const QJsonObject& input) {
    QStringList problems;
    const QJsonObject weights = got.value("weights").toObject();
    const QJsonObject inferer = weights.value("inferer").toObject();
    const QJsonObject forecaster = weights.value("forecaster").toObject();
    const QJsonObject inferences = input.value("inferences").toObject();
    const QJsonObject implied = got.value("forecast_implied").toObject();
    if (inferer.keys() != inferences.keys()) problems << "weights.inferer: actors differ";
    if (forecaster.keys() != implied.keys()) problems << "weights.forecaster: actors differ";
    if (!problems.isEmpty()) return problems;
    double sum = 0;
    double sumWeights = 0;
    auto add = [&](const QJsonObject& w, const QJsonObject& values, const QString& table) {
        for (auto it = w.begin(); it != w.end(); ++it) {
            const double wi = it.value().toDouble(-1);
            if (!it.value().isDouble() || !std::isfinite(wi) || wi < 0)
                problems << QStringLiteral("weights.%1.%2 is not a weight").arg(table, it.key());
            sum += wi * values.value(it.key()).toDouble();
            sumWeights += wi;
        }
    };
    add(inferer, inferences, "inferer");
    add(forecaster, implied, "forecaster");
    if (!(sumWeights > 1e-7)) problems << "the weights sum to (almost) nothing";
    if (QString p = compareNumber(got.value("network_inference"), sum / sumWeights,
                                  "network_inference from the weights");
        !p.isEmpty())
        problems << p;
    return problems;
}

// Rejected as an invalid case: exit 2, exactly one line on stderr, nothing on stdout.
void expectInvalid(const Run& r, const char* what, const QString& reasonWord = {}) {
    QVERIFY2(r.exitCode == 2, qPrintable(QString(what) + ": " + describe(r)));
    QVERIFY2(r.out.isEmpty(), qPrintable(QString(what) + ": output on stdout: " + r.out));
    QVERIFY2(r.err.endsWith('\n') && r.err.count('\n') == 1 && r.err.size() > 8,
             qPrintable(QString(what) + ": stderr is not one line: " + r.err));
    if (!reasonWord.isEmpty())
        QVERIFY2(QString::fromUtf8(r.err).contains(reasonWord, Qt::CaseInsensitive),
                 qPrintable(QString(what) + ": unclear reason: " + r.err));
}

const char* const kParams =
    R"("params": {"p_norm": 3, "c_norm": 0.75, "epsilon": 0.01, "epsilon_safe_div": 1e-7})";

// A small regret-weighted case with `inferences` as raw JSON text (two inferers, no forecasters).
QByteArray smallCase(const QByteArray& inferences) {
    return QByteArray("{") + kParams + R"(, "previous_network_loss": -3.5, "inferences": )" +
           inferences +
           R"(, "regrets": {"inferer": {"a": 0.1, "b": 0.2}, "naive_inferer": {"a": 0.1, "b": 0.2},
                "one_out_inferer": {"a": {"inferer": {"b": 0.2}}, "b": {"inferer": {"a": 0.1}}}}})";
}

QByteArray toText(const QJsonObject& o) {
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

// Whether root[path[0]][path[1]]… exists.
bool hasPath(const QJsonObject& root, const QStringList& path) {
    QJsonObject o = root;
    for (qsizetype i = 0; i + 1 < path.size(); ++i) o = o.value(path[i]).toObject();
    return o.contains(path.last());
}

// `root` as JSON text with the value at `path` replaced by the raw text `raw` (a number Qt cannot
// hold, such as 1e999): a sentinel number is set there, then its text replaced.
QByteArray withRawValue(QJsonObject root, const QStringList& path, const QByteArray& raw) {
    constexpr double kSentinel = 987654.25;  // exact in binary, printed as is
    std::function<void(QJsonObject&, qsizetype)> set = [&](QJsonObject& o, qsizetype i) {
        if (i + 1 == path.size()) {
            o[path[i]] = kSentinel;
            return;
        }
        QJsonObject child = o[path[i]].toObject();
        set(child, i + 1);
        o[path[i]] = child;
    };
    set(root, 0);
    QByteArray text = toText(root);
    if (text.count("987654.25") != 1) qFatal("the sentinel is not unique");
    return text.replace("987654.25", raw);
}

}  // namespace

class TestCliDebug : public QObject {
    Q_OBJECT

    QTemporaryDir dir_;

    QString writeCase(const QString& name, const QByteArray& text) {
        const QString path = dir_.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(text) != text.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }

    // The case through a file and through stdin: both rejected the same way.
    void expectInvalidCase(const QByteArray& text, const char* what,
                           const QString& reasonWord = {}) {
        const QString path = writeCase("invalid.json", text);
        expectInvalid(cli({"debug", "synthesize", path}), what, reasonWord);
        if (QTest::currentTestFailed()) return;
        expectInvalid(cli({"debug", "synthesize", "-"}, text),
                      qPrintable(QString(what) + " (stdin)"), reasonWord);
    }

    QJsonObject vectorInput(int epoch) {
        return objectOf(readAll(vectorPath(epoch))).value("input").toObject();
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(dir_.isValid());
        QVERIFY2(QFile::exists(cliPath()), qPrintable(cliPath()));
    }

    void vectors_data() {
        QTest::addColumn<int>("epoch");
        for (int e = 301; e <= 305; ++e) QTest::newRow(QByteArray::number(e)) << e;
    }
    void vectors() {
        QFETCH(int, epoch);
        const QByteArray vectorText = readAll(vectorPath(epoch));
        const QJsonObject vector = objectOf(vectorText);
        const QJsonObject input = vector.value("input").toObject();
        const QJsonObject expected = vector.value("expected").toObject();
        QVERIFY(!input.isEmpty() && !expected.isEmpty());

        // The vector file itself (its "input" is used), the bare case from a file, and the bare
        // case on stdin: the same bytes.
        const Run fromVector = cli({"debug", "synthesize", vectorPath(epoch)});
        QVERIFY2(fromVector.exitCode == 0, qPrintable(describe(fromVector)));
        QVERIFY2(fromVector.err.isEmpty(), fromVector.err.constData());
        const QByteArray bare = toText(input);
        const Run fromFile = cli({"debug", "synthesize", writeCase("case.json", bare)});
        QVERIFY2(fromFile.exitCode == 0, qPrintable(describe(fromFile)));
        const Run fromStdin = cli({"debug", "synthesize", "-"}, bare);
        QVERIFY2(fromStdin.exitCode == 0, qPrintable(describe(fromStdin)));
        QVERIFY2(fromStdin.err.isEmpty(), fromStdin.err.constData());
        QCOMPARE(fromFile.out, fromVector.out);
        QCOMPARE(fromStdin.out, fromVector.out);
        const Run vectorOnStdin = cli({"debug", "synthesize", "-"}, vectorText);
        QVERIFY2(vectorOnStdin.exitCode == 0, qPrintable(describe(vectorOnStdin)));
        QCOMPARE(vectorOnStdin.out, fromVector.out);

        const QJsonObject got = objectOf(fromVector.out);
        QVERIFY2(!got.isEmpty(), fromVector.out.constData());
        // The contract's outputs, all of them (QJsonObject keys are sorted).
        QCOMPARE(got.keys(),
                 (QStringList{"confidence_interval", "forecast_implied", "naive_inference",
                              "network_inference", "one_in_forecaster", "one_out_forecaster",
                              "one_out_inferer", "weights"}));
        int compared = 0;
        const QStringList problems = compareExpected(got, expected, compared);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
        QCOMPARE(compared, 2 + 3 + 5 + 3 + 3 + 5);
        const QStringList weightProblems = checkWeights(got, input);
        QVERIFY2(weightProblems.isEmpty(), qPrintable(weightProblems.join('\n')));
    }

    // Epoch 301's combined weights, from an independent computation (Python floats, libm exp; the
    // same figures as tests/unit/test_synthesis_case.cpp).
    void vectorEpoch301Weights() {
        const Run r = cli({"debug", "synthesize", "-"}, readAll(vectorPath(301)));
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject w = objectOf(r.out).value("weights").toObject();
        const double inferers[] = {0.000847145909776024, 0.0013319312843373125,
                                   0.0021687807510549404, 0.00011926475968783792,
                                   0.00043645125920748385};
        const double forecasters[] = {0.15796320316919873, 0.1283983675522151, 0.1747970232260086};
        QCOMPARE(w.value("inferer").toObject().size(), 5);
        QCOMPARE(w.value("forecaster").toObject().size(), 3);
        for (int i = 0; i < 5; ++i) {
            const QString name = QStringLiteral("inferer%1").arg(i);
            const QString p = compareNumber(w.value("inferer").toObject().value(name), inferers[i],
                                            "weights.inferer." + name);
            QVERIFY2(p.isEmpty(), qPrintable(p));
        }
        for (int k = 0; k < 3; ++k) {
            const QString name = QStringLiteral("forecaster%1").arg(k);
            const QString p = compareNumber(w.value("forecaster").toObject().value(name),
                                            forecasters[k], "weights.forecaster." + name);
            QVERIFY2(p.isEmpty(), qPrintable(p));
        }
    }

    // The small hand-written case used below is itself valid, so each rejection is for its reason.
    void smallCaseIsValid() {
        const Run r = cli({"debug", "synthesize", "-"}, smallCase(R"({"a": 1.5, "b": 2.5})"));
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        const QJsonObject got = objectOf(r.out);
        QVERIFY(got.value("network_inference").isDouble());
        QVERIFY(got.value("one_out_inferer").toObject().contains("a"));
    }

    // JSON has no NaN or infinity: an overflowing number (1e999 is +inf as a double) and the
    // non-standard NaN / Infinity literals are refused, never turned into a number.
    void nonFiniteInference_data() {
        QTest::addColumn<QByteArray>("inferences");
        QTest::newRow("1e999") << QByteArray(R"({"a": 1e999, "b": 2.5})");
        QTest::newRow("-1e999") << QByteArray(R"({"a": 1.5, "b": -1e999})");
        QTest::newRow("NaN") << QByteArray(R"({"a": NaN, "b": 2.5})");
        QTest::newRow("nan") << QByteArray(R"({"a": nan, "b": 2.5})");
        QTest::newRow("Infinity") << QByteArray(R"({"a": 1.5, "b": Infinity})");
        QTest::newRow("-Infinity") << QByteArray(R"({"a": -Infinity, "b": 2.5})");
        QTest::newRow("\"NaN\" string") << QByteArray(R"({"a": "NaN", "b": 2.5})");
    }
    void nonFiniteInference() {
        QFETCH(QByteArray, inferences);
        expectInvalidCase(smallCase(inferences), "a non-finite inference");
    }

    // A forecasted loss, a regret of each kind of table and the previous loss, each overflowing
    // to infinity in a real epoch.
    void nonFiniteForecastAndRegret_data() {
        QTest::addColumn<QStringList>("path");
        QTest::newRow("forecast") << QStringList{"forecasts", "forecaster1", "inferer3"};
        QTest::newRow("regrets.inferer") << QStringList{"regrets", "inferer", "inferer0"};
        QTest::newRow("regrets.naive_inferer")
            << QStringList{"regrets", "naive_inferer", "inferer2"};
        QTest::newRow("regrets.one_out_inferer")
            << QStringList{"regrets", "one_out_inferer", "inferer1", "forecaster", "forecaster2"};
        QTest::newRow("regrets.one_in_forecaster")
            << QStringList{"regrets", "one_in_forecaster", "forecaster0", "inferer", "inferer4"};
        QTest::newRow("previous_network_loss") << QStringList{"previous_network_loss"};
    }
    void nonFiniteForecastAndRegret() {
        QFETCH(QStringList, path);
        QJsonObject input = vectorInput(302);
        QVERIFY2(hasPath(input, path), qPrintable(path.join('.')));
        expectInvalidCase(withRawValue(input, path, "-1e999"),
                          qPrintable("an infinite " + path.join('.')), "range");
    }

    void missingFile() {
        const QString path = dir_.filePath("no-such-case.json");
        const Run r = cli({"debug", "synthesize", path});
        // The documented status for a file that cannot be read (cmd_debug.cpp's help: 1, as every
        // other allora-cli command's I/O failure); an invalid case is 2.
        QVERIFY2(r.exitCode == 1, qPrintable(describe(r)));
        QVERIFY2(r.out.isEmpty(), r.out.constData());
        QVERIFY2(r.err.endsWith('\n') && r.err.count('\n') == 1, r.err.constData());
        QVERIFY2(r.err.contains("no-such-case.json"), r.err.constData());
    }

    void malformedJson_data() {
        QTest::addColumn<QByteArray>("text");
        const QByteArray valid = smallCase(R"({"a": 1.5, "b": 2.5})");
        QTest::newRow("truncated") << valid.left(valid.size() / 2);
        QTest::newRow("trailing comma")
            << QByteArray(valid).replace(R"("b": 2.5})", R"("b": 2.5,})");
        QTest::newRow("text after the value") << valid + " {}";
        QTest::newRow("not an object") << QByteArray("[1, 2, 3]");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("single quotes") << QByteArray(valid).replace("\"a\"", "'a'");
        QTest::newRow("duplicate key") << smallCase(R"({"a": 1.5, "a": 2.5})");
        QTest::newRow("number as a string") << smallCase(R"({"a": "1.5", "b": 2.5})");
        QTest::newRow("unknown field") << QByteArray(valid).replace("\"regrets\"", "\"regret\"");
    }
    void malformedJson() {
        QFETCH(QByteArray, text);
        expectInvalidCase(text, "malformed JSON");
    }

    void noInferences() {
        expectInvalidCase(
            QByteArray("{") + kParams + R"(, "previous_network_loss": -3.5, "inferences": {}})",
            "no inferences", "inference");
        expectInvalidCase(QByteArray("{") + kParams + R"(, "previous_network_loss": -3.5})",
                          "no \"inferences\" field", "inferences");
        // A real epoch with every inference taken away.
        QJsonObject input = vectorInput(303);
        input["inferences"] = QJsonObject{};
        expectInvalidCase(toText(input), "an epoch without inferences", "inference");
    }

    // A regret the regret-weighted synthesis needs, taken out of each table in turn; the error
    // names the table and the actor.
    void missingRegret_data() {
        QTest::addColumn<QStringList>("path");
        QTest::newRow("inferer") << QStringList{"inferer", "inferer3"};
        QTest::newRow("forecaster") << QStringList{"forecaster", "forecaster1"};
        QTest::newRow("naive_inferer") << QStringList{"naive_inferer", "inferer0"};
        QTest::newRow("one_out_inferer table") << QStringList{"one_out_inferer", "inferer2"};
        QTest::newRow("one_out_inferer entry")
            << QStringList{"one_out_inferer", "inferer2", "forecaster", "forecaster0"};
        QTest::newRow("one_out_forecaster entry")
            << QStringList{"one_out_forecaster", "forecaster2", "inferer", "inferer4"};
        QTest::newRow("one_in_forecaster entry")
            << QStringList{"one_in_forecaster", "forecaster0", "forecaster", "forecaster0"};
    }
    void missingRegret() {
        QFETCH(QStringList, path);
        QJsonObject input = vectorInput(304);
        // Remove regrets[path[0]][path[1]]… (QJsonObject is a value type: rebuild the chain).
        std::function<bool(QJsonObject&, qsizetype)> remove = [&](QJsonObject& o, qsizetype i) {
            if (!o.contains(path[i])) return false;
            if (i + 1 == path.size()) {
                o.remove(path[i]);
                return true;
            }
            QJsonObject child = o[path[i]].toObject();
            if (!remove(child, i + 1)) return false;
            o[path[i]] = child;
            return true;
        };
        QJsonObject regrets = input["regrets"].toObject();
        QVERIFY2(remove(regrets, 0), qPrintable(path.join('.')));
        input["regrets"] = regrets;
        expectInvalidCase(toText(input), qPrintable("a missing regret " + path.join('.')),
                          path.last());
    }

    // Numbers each finite but so large that the synthesis overflows: the input's doing, so 2.
    void overflowingSynthesis() {
        expectInvalidCase(smallCase(R"({"a": 1.5e308, "b": 1.7e308})"), "an overflowing case",
                          "finite");
    }

    void usage() {
        const Run none = cli({"debug", "synthesize"});
        QVERIFY2(none.exitCode == 2 && none.out.isEmpty(), qPrintable(describe(none)));
        const Run two = cli({"debug", "synthesize", vectorPath(301), vectorPath(302)});
        QVERIFY2(two.exitCode == 2 && two.out.isEmpty(), qPrintable(describe(two)));
        const Run help = cli({"debug", "--help"});
        QVERIFY2(help.exitCode == 0 && help.out.contains("synthesize"), qPrintable(describe(help)));
    }
};

QTEST_GUILESS_MAIN(TestCliDebug)
#include "test_cli_debug.moc"
