// The English translation is current and complete: lupdate, run over the sources the build's
// update_translations target reads (the same list and options), finds exactly the messages of
// the committed translations/allora_en.ts, without warnings (a tr() lupdate cannot read is a
// string nobody can translate); every plural message there has its English singular and plural;
// and the .qm compiled into the program (:/i18n) is that file, found for an English locale the way
// allora-qt looks it up. When this fails after strings changed: `cmake --build BUILD --target
// update_translations`, fill in the English forms of new "%n" messages, commit the .ts.
#include <QDir>
#include <QFile>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct Message {
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    bool finished = false;
    QStringList forms;  // numerus forms of the translation

    QString key() const {
        return context + QLatin1Char('|') + source + QLatin1Char('|') + comment +
               (numerus ? QStringLiteral("|n") : QString());
    }
};

// The messages of a .ts file; empty with `error` set when it cannot be read.
QList<Message> readTs(const QString& path, QString& error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot open ") + path;
        return {};
    }
    QList<Message> out;
    QXmlStreamReader xml(&file);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            if (xml.isEndElement() && xml.name() == QLatin1String("message")) out.append(m);
            continue;
        }
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            m = Message{};
            m.context = context;
            m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            m.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            m.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            const auto type = xml.attributes().value(QLatin1String("type"));
            m.finished = type.isEmpty();
        } else if (name == QLatin1String("numerusform")) {
            m.forms << xml.readElementText();
        }
    }
    if (xml.hasError()) error = path + QStringLiteral(": ") + xml.errorString();
    return out;
}

QSet<QString> keys(const QList<Message>& messages) {
    QSet<QString> out;
    for (const Message& m : messages) out.insert(m.key());
    return out;
}

QString someOf(QSet<QString> set) {
    QStringList list(set.begin(), set.end());
    list.sort();
    if (list.size() > 15) list = list.mid(0, 15) << QStringLiteral("…");
    return list.join(QStringLiteral("\n  "));
}

}  // namespace

class TranslationsTest : public QObject {
    Q_OBJECT

    QList<Message> committed_;

private Q_SLOTS:
    void initTestCase() {
        QString error;
        committed_ = readTs(QStringLiteral(ALLORA_TS_FILE), error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(committed_.size() > 100);
    }

    void committedTsMatchesTheSources() {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString fresh = dir.filePath(QStringLiteral("allora_en.ts"));
        QStringList args =
            QStringLiteral(ALLORA_LUPDATE_OPTIONS).split(QLatin1Char(' '), Qt::SkipEmptyParts);
        args << QStringLiteral("-I") << QStringLiteral(ALLORA_SOURCE_DIR)
             << QStringLiteral("@" ALLORA_LUPDATE_LIST) << QStringLiteral("-ts") << fresh;
        QProcess lupdate;
        lupdate.start(QStringLiteral(ALLORA_LUPDATE), args);
        QVERIFY2(lupdate.waitForFinished(50000), "lupdate did not finish");
        const QString output = QString::fromLocal8Bit(lupdate.readAllStandardOutput() +
                                                      lupdate.readAllStandardError());
        QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
                 qPrintable(output));
        // "file.cpp:12: Cannot invoke tr() like this" and the like.
        static const QRegularExpression warning(QStringLiteral("^\\S+\\.(cpp|h):\\d+: "),
                                                QRegularExpression::MultilineOption);
        QVERIFY2(!warning.match(output).hasMatch(), qPrintable(output));

        QString error;
        const QList<Message> current = readTs(fresh, error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(current.size() > 100);
        const QSet<QString> now = keys(current);
        const QSet<QString> before = keys(committed_);
        const QSet<QString> missing = now - before;
        const QSet<QString> stale = before - now;
        QVERIFY2(missing.isEmpty() && stale.isEmpty(),
                 qPrintable(QStringLiteral("translations/allora_en.ts is stale: run the "
                                           "update_translations target.\nNot in it:\n  %1\n"
                                           "No longer in the sources:\n  %2")
                                .arg(someOf(missing), someOf(stale))));
    }

    void pluralsHaveTheirEnglishForms() {
        QStringList unfinished;
        int plurals = 0;
        for (const Message& m : committed_) {
            if (!m.numerus) continue;
            ++plurals;
            const bool ok = m.finished && m.forms.size() == 2 &&
                            m.forms[0].contains(QLatin1String("%n")) &&
                            m.forms[1].contains(QLatin1String("%n")) && m.forms[0] != m.forms[1];
            if (!ok) unfinished << m.context + QStringLiteral(": ") + m.source;
        }
        QVERIFY(plurals > 0);
        QVERIFY2(unfinished.isEmpty(), qPrintable(unfinished.join(QLatin1Char('\n'))));
    }

    void theEmbeddedQmIsTheCommittedTs() {
        // allora-qt: the user's language first, under :/i18n (en_GB, en_US… find allora_en).
        QTranslator translator;
        QVERIFY(translator.load(QLocale(QStringLiteral("en_GB")), QStringLiteral("allora"),
                                QStringLiteral("_"), QStringLiteral(":/i18n")));
        int checked = 0;
        for (const Message& m : committed_) {
            if (!m.numerus) continue;
            const QByteArray context = m.context.toUtf8();
            const QByteArray source = m.source.toUtf8();
            const QByteArray comment = m.comment.toUtf8();
            const char* disambiguation = m.comment.isEmpty() ? nullptr : comment.constData();
            QCOMPARE(translator.translate(context, source, disambiguation, 1), m.forms.value(0));
            QCOMPARE(translator.translate(context, source, disambiguation, 7), m.forms.value(1));
            ++checked;
        }
        QVERIFY(checked > 0);
    }
};

QTEST_GUILESS_MAIN(TranslationsTest)
#include "test_translations.moc"
