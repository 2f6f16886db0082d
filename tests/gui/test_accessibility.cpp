// Keyboard use and accessibility of every page of the main window and of the first-run wizard,
// with real widgets on the offscreen platform (no node needed): every widget that takes focus
// has a name a screen reader can say (its own accessible name, its text, or a label's buddy);
// the mnemonics (Alt+letter) of a page and the menu bar do not collide; Tab from the first field
// of the Send and Create topic forms reaches each of their enabled inputs in on-screen order;
// Enter in a form's fields runs its default action (Review); Escape cancels a confirmation.
#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QApplication>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QPushButton>
#include <QTabBar>
#include <QTabWidget>

#include "guitestdevnet.h"
#include "ui/firstrunwizard.h"
#include "ui/mainwindow.h"
#include "ui/nodemodel.h"
#include "ui/txpanel.h"

using namespace allora;
using namespace allora::ui;
using namespace allora::ui::test;

namespace {

const char* const kPageIds[] = {"overview",    "send",   "receive", "history",
                                "addressbook", "topics", "buy",     "staking",
                                "createtopic", "node",   "settings"};

// What a screen reader says for `w`: its accessible name, or what Qt derives (a button's
// text, the text of the label whose buddy it is).
QString spokenName(QWidget* w) {
    QAccessibleInterface* iface = QAccessible::queryAccessibleInterface(w);
    return iface != nullptr ? iface->text(QAccessible::Name).trimmed() : QString();
}

// A widget that is part of another one (a combo box's line edit, a spin box's editor): the
// outer widget is what the user meets.
QWidget* outerWidget(QWidget* w) {
    for (QWidget* p = w->parentWidget(); p != nullptr; p = p->parentWidget())
        if (qobject_cast<QComboBox*>(p) || qobject_cast<QAbstractSpinBox*>(p)) return p;
    return w;
}

// The widgets under `root` that Tab can reach (shown or not: a hidden confirmation box shows
// up later), each once, without the internals of composite widgets.
QList<QWidget*> focusableWidgets(QWidget* root) {
    QList<QWidget*> out;
    for (QWidget* w : root->findChildren<QWidget*>()) {
        if (!(w->focusPolicy() & Qt::TabFocus) || w->focusProxy() != nullptr) continue;
        QWidget* outer = outerWidget(w);
        if (!out.contains(outer)) out.append(outer);
    }
    return out;
}

QString describe(QWidget* w) {
    return QStringLiteral("%1 \"%2\"")
        .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName());
}

// Lower-case mnemonic letter of `text` ("&Send" -> 's'), or a null QChar.
QChar mnemonic(const QString& text) {
    for (int i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != QLatin1Char('&')) continue;
        if (text[i + 1] == QLatin1Char('&')) {
            ++i;
            continue;
        }
        return text[i + 1].toLower();
    }
    return {};
}

// Every mnemonic under `root`: buttons, labels with a buddy, tab titles; with what carries it.
QMultiMap<QChar, QString> mnemonics(QWidget* root) {
    QMultiMap<QChar, QString> out;
    auto add = [&out](const QString& text) {
        if (const QChar c = mnemonic(text); !c.isNull()) out.insert(c, text);
    };
    for (QAbstractButton* b : root->findChildren<QAbstractButton*>()) add(b->text());
    for (QLabel* l : root->findChildren<QLabel*>())
        if (l->buddy() != nullptr) add(l->text());
    for (QTabBar* t : root->findChildren<QTabBar*>())
        for (int i = 0; i < t->count(); ++i) add(t->tabText(i));
    return out;
}

}  // namespace

class AccessibilityTest : public QObject {
    Q_OBJECT

    GuiDevnet devnet_;

    template <typename T>
    T* find(const char* name) {
        return devnet_.find<T>(name);
    }

    // The widgets Tab visits from `start`, in order, until it comes back (at most 200 steps).
    QList<QWidget*> tabChain(QWidget* start) {
        QList<QWidget*> chain;
        start->setFocus(Qt::TabFocusReason);
        if (!QTest::qWaitFor(
                [start] {
                    return start->hasFocus() || start->isAncestorOf(QApplication::focusWidget());
                },
                2000))
            return chain;
        chain.append(start);
        for (int i = 0; i < 200; ++i) {
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
            QWidget* w = outerWidget(QApplication::focusWidget());
            if (w == start) break;
            chain.append(w);
        }
        return chain;
    }

    // Tab from the first of `inputs` visits each of them in this order.
    void checkTabOrder(const char* page, const QStringList& inputs) {
        devnet_.window->showPage(QString::fromLatin1(page));
        QCoreApplication::processEvents();
        auto* first = find<QWidget>(inputs.front().toLatin1().constData());
        QVERIFY(first && first->isVisible());
        const QList<QWidget*> chain = tabChain(first);
        QStringList visited;
        for (QWidget* w : chain) visited << w->objectName();
        qsizetype at = 0;
        for (const QString& name : inputs) {
            const qsizetype next = visited.indexOf(name, at);
            QVERIFY2(next >= 0,
                     qPrintable(QStringLiteral("%1: Tab does not reach %2 after %3; "
                                               "it visits: %4")
                                    .arg(QString::fromLatin1(page), name, visited.value(at - 1),
                                         visited.join(QStringLiteral(", ")))));
            at = next + 1;
        }
        // Nothing enabled and shown on the page is left out of the chain.
        QWidget* root = devnet_.window->page(QString::fromLatin1(page));
        for (QWidget* w : focusableWidgets(root))
            if (w->isVisible() && w->isEnabled())
                QVERIFY2(chain.contains(w),
                         qPrintable(describe(w) + QStringLiteral(" is not reachable by Tab")));
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(installEnglishTranslator());
        // A node model on an empty home: no network yet, every page built.
        const QString failure = devnet_.open();
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QVERIFY(QTest::qWaitForWindowActive(devnet_.window.get()));
        QTRY_VERIFY(find<QListWidget>("pageList")->isVisible());
    }

    void everyFocusableWidgetHasAName() {
        QStringList missing;
        auto check = [&missing](const QString& where, QWidget* root) {
            for (QWidget* w : focusableWidgets(root))
                if (spokenName(w).isEmpty()) missing << where + QStringLiteral(": ") + describe(w);
        };
        check(QStringLiteral("sidebar"), find<QListWidget>("pageList"));
        for (const char* id : kPageIds) {
            QWidget* page = devnet_.window->page(QString::fromLatin1(id));
            QVERIFY2(page, id);
            QVERIFY2(!spokenName(page).isEmpty(), id);
            check(QString::fromLatin1(id), page);
        }
        FirstRunWizard wizard(devnet_.wallet.get());
        check(QStringLiteral("wizard"), &wizard);
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
    }

    void mnemonicsDoNotCollide() {
        QMultiMap<QChar, QString> menu;
        for (QAction* a : devnet_.window->menuBar()->actions())
            if (const QChar c = mnemonic(a->text()); !c.isNull()) menu.insert(c, a->text());
        QStringList clashes;
        for (const char* id : kPageIds) {
            QMultiMap<QChar, QString> all =
                mnemonics(devnet_.window->page(QString::fromLatin1(id)));
            all.unite(menu);
            for (const QChar c : all.uniqueKeys())
                if (all.count(c) > 1)
                    clashes << QStringLiteral("%1: Alt+%2 on %3")
                                   .arg(QString::fromLatin1(id), c.toUpper(),
                                        QStringList(all.values(c)).join(QStringLiteral(", ")));
        }
        // The wizard: each page with the wizard's buttons.
        FirstRunWizard wizard(devnet_.wallet.get());
        QMultiMap<QChar, QString> buttons;
        for (const auto which : {QWizard::BackButton, QWizard::NextButton, QWizard::FinishButton,
                                 QWizard::CancelButton})
            if (const QChar c = mnemonic(wizard.button(which)->text()); !c.isNull())
                buttons.insert(c, wizard.button(which)->text());
        for (const int id : wizard.pageIds()) {
            QMultiMap<QChar, QString> all = mnemonics(wizard.page(id));
            all.unite(buttons);
            for (const QChar c : all.uniqueKeys())
                if (all.count(c) > 1)
                    clashes << QStringLiteral("wizard page %1: Alt+%2 on %3")
                                   .arg(wizard.page(id)->objectName(), c.toUpper(),
                                        QStringList(all.values(c)).join(QStringLiteral(", ")));
        }
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
    }

    void tabWalksTheSendForm() {
        checkTabOrder("send", {QStringLiteral("recipientEdit"), QStringLiteral("amountEdit"),
                               QStringLiteral("unitCombo"), QStringLiteral("feeCombo"),
                               QStringLiteral("memoEdit"), QStringLiteral("sendButton")});
    }

    void tabWalksTheCreateTopicForm() {
        checkTabOrder(
            "createtopic",
            {QStringLiteral("topicMetadataEdit"), QStringLiteral("topicLossMethodCombo"),
             QStringLiteral("topicEpochLengthSpin"), QStringLiteral("topicGroundTruthLagSpin"),
             QStringLiteral("topicSubmissionWindowSpin"), QStringLiteral("topicPNormEdit"),
             QStringLiteral("topicAlphaRegretEdit"), QStringLiteral("topicAllowNegativeCheck"),
             QStringLiteral("topicEpsilonEdit"), QStringLiteral("topicMeritSortitionAlphaEdit"),
             QStringLiteral("topicInfererQuantileEdit"),
             QStringLiteral("topicForecasterQuantileEdit"),
             QStringLiteral("topicReputerQuantileEdit")});
    }

    void enterInAFieldReviews() {
        devnet_.window->showPage(QStringLiteral("send"));
        auto* recipient = find<QLineEdit>("recipientEdit");
        recipient->setText(QStringLiteral("cosmos1notanalloraaddress"));
        recipient->setFocus();
        QTest::keyClick(recipient, Qt::Key_Return);
        QVERIFY2(find<QLabel>("sendMessageLabel")->text().contains(QStringLiteral("not a valid")),
                 qPrintable(find<QLabel>("sendMessageLabel")->text()));
        recipient->clear();
        find<QLabel>("sendMessageLabel")->clear();
        auto* memo = find<QLineEdit>("memoEdit");
        memo->setFocus();
        QTest::keyClick(memo, Qt::Key_Enter);
        QVERIFY(find<QLabel>("sendMessageLabel")->text().contains(QStringLiteral("recipient")));

        devnet_.window->showPage(QStringLiteral("createtopic"));
        auto* metadata = find<QLineEdit>("topicMetadataEdit");
        metadata->setFocus();
        QTest::keyClick(metadata, Qt::Key_Return);
        // No node: the review says why it cannot go on rather than doing nothing.
        QVERIFY(!find<QLabel>("createTopicMessageLabel")->text().isEmpty());

        devnet_.window->showPage(QStringLiteral("addressbook"));
        auto* label = find<QLineEdit>("addressBookLabelEdit");
        label->setText(QStringLiteral("friend"));
        find<QLineEdit>("addressBookAddressEdit")->setText(QStringLiteral("allo1bad"));
        label->setFocus();
        QTest::keyClick(label, Qt::Key_Return);
        QVERIFY(!find<QLabel>("addressBookMessageLabel")->text().isEmpty());
    }

    void escapeCancelsAConfirmation() {
        devnet_.window->showPage(QStringLiteral("send"));
        auto* panel = find<TxPanel>("sendTxPanel");
        auto* box = find<QWidget>("sendConfirmBox");
        auto* password = find<QLineEdit>("sendPasswordEdit");
        panel->review(QStringLiteral("Send 1 ALLO to nobody."), TxSubmitter::Request{});
        QVERIFY(box->isVisible());
        QTRY_VERIFY(password->hasFocus());  // the password is where typing goes
        password->setText(QStringLiteral("secret"));
        QTest::keyClick(password, Qt::Key_Escape);
        QVERIFY(!box->isVisible());
        QVERIFY(password->text().isEmpty());
        // The same from the Cancel button's place in the box.
        panel->review(QStringLiteral("Send 1 ALLO to nobody."), TxSubmitter::Request{});
        auto* cancel = find<QPushButton>("sendCancelButton");
        cancel->setFocus();
        QTest::keyClick(cancel, Qt::Key_Escape);
        QVERIFY(!box->isVisible());
    }

    void cleanupTestCase() { devnet_.shutdown(); }
};

QTEST_MAIN(AccessibilityTest)
#include "test_accessibility.moc"
