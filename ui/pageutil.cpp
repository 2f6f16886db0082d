#include "ui/pageutil.h"

#include <QComboBox>
#include <QKeyEvent>
#include <QLabel>

#include "ui/emissionsqueries.h"
#include "ui/guiutil.h"
#include "ui/txrecord.h"

namespace allora::ui {

QLabel* pageHeading(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    QFont f = label->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    label->setFont(f);
    return label;
}

QLabel* captionLabel(const QString& text, QWidget* parent) {
    auto* label = new QLabel(text, parent);
    label->setForegroundRole(QPalette::PlaceholderText);
    label->setWordWrap(true);
    return label;
}

void setTopicItems(QComboBox* combo, const std::vector<TopicSummary>& topics) {
    // Long descriptions must not push the form's labels out of sight.
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(24);
    QStringList texts;
    for (const auto& t : topics)
        texts << QStringLiteral("%1: %2")
                     .arg(t.topic.id())
                     .arg(QString::fromStdString(t.topic.metadata()));
    // Unchanged items stay as they are: a page that refreshes per block must not close an open
    // list under the user's pointer.
    bool same = combo->count() == texts.size();
    for (int i = 0; same && i < texts.size(); ++i)
        same = combo->itemText(i) == texts[i] &&
               combo->itemData(i).toULongLong() == topics[static_cast<size_t>(i)].topic.id();
    if (same) return;
    const uint64_t chosen = chosenTopic(combo);
    QSignalBlocker block(combo);
    combo->clear();
    for (size_t i = 0; i < topics.size(); ++i)
        combo->addItem(texts[static_cast<qsizetype>(i)],
                       QVariant::fromValue<qulonglong>(topics[i].topic.id()));
    const int index = combo->findData(QVariant::fromValue<qulonglong>(chosen));
    combo->setCurrentIndex(index >= 0 ? index : (combo->count() > 0 ? 0 : -1));
    block.unblock();
    if (chosenTopic(combo) != chosen) Q_EMIT combo->currentIndexChanged(combo->currentIndex());
}

QString share(const std::map<std::string, double>& shares, const std::string& worker) {
    const auto it = shares.find(worker);
    if (it == shares.end()) return QStringLiteral("—");
    return QStringLiteral("%1 %").arg(it->second * 100.0, 0, 'f', 1);
}

namespace {

// Sees the Enter key events that the form's fields did not take (Qt hands an ignored key event
// to the parent widget, up to the window).
class DefaultActionFilter : public QObject {
public:
    DefaultActionFilter(QWidget* form, std::function<void()> action)
        : QObject(form), form_(form), action_(std::move(action)) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (watched != form_ || event->type() != QEvent::KeyPress) return false;
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() != Qt::Key_Return && key->key() != Qt::Key_Enter) return false;
        if ((key->modifiers() & ~Qt::KeypadModifier) != Qt::NoModifier) return false;
        action_();
        return true;
    }

private:
    QWidget* form_;
    std::function<void()> action_;
};

}  // namespace

void setDefaultAction(QWidget* form, std::function<void()> action) {
    form->installEventFilter(new DefaultActionFilter(form, std::move(action)));
}

uint64_t chosenTopic(const QComboBox* combo) {
    return combo->currentIndex() < 0 ? 0 : combo->currentData().toULongLong();
}

QString TxText::kind(const TxRecord& r) {
    switch (r.kind) {
        case TxRecord::Kind::Sent:
            return tr("Sent");
        case TxRecord::Kind::Received:
            return tr("Received");
        case TxRecord::Kind::SentToSelf:
            return tr("To yourself");
        case TxRecord::Kind::Other:
            break;
    }
    if (!r.action.isEmpty()) return r.action;
    const QString type = r.messageType.section(QLatin1Char('.'), -1);
    return type.isEmpty() ? tr("Transaction") : type;
}

QString TxText::status(const TxRecord& r) {
    return r.ok ? tr("Confirmed") : tr("Failed: %1").arg(r.failure);
}

QString TxText::describe(const TxRecord& r) {
    const QString amount = QString::fromStdString(r.amount.format(6));
    QString text;
    switch (r.kind) {
        case TxRecord::Kind::Sent:
            text = tr("Sent %1 to %2").arg(amount, shortAddress(r.counterparty));
            break;
        case TxRecord::Kind::Received:
            text = tr("Received %1 from %2").arg(amount, shortAddress(r.counterparty));
            break;
        case TxRecord::Kind::SentToSelf:
            text = tr("Sent %1 to yourself").arg(amount);
            break;
        case TxRecord::Kind::Other:
            text = kind(r);
            break;
    }
    text = tr("%1 · block %2").arg(text).arg(r.height);
    if (!r.ok) text += QLatin1String(" · ") + tr("failed");
    return text;
}

}  // namespace allora::ui
