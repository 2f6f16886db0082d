// Pieces the wallet pages share: headings and captions in palette roles (no colours of our own),
// and the words for a history entry.
#pragma once

#include <QCoreApplication>
#include <QString>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QWidget;

namespace allora::ui {

struct TxRecord;
struct TopicSummary;

// A page's title: the window font, larger and bold.
QLabel* pageHeading(const QString& text, QWidget* parent);
// A small caption above a value, drawn in QPalette::PlaceholderText (the muted text colour).
QLabel* captionLabel(const QString& text, QWidget* parent);
// Fills a topic chooser with "N: description" items (data: the topic id), keeping the chosen
// topic when it is still there.
void setTopicItems(QComboBox* combo, const std::vector<TopicSummary>& topics);
// "12.3 %": a contributor's share of weight from `shares` ("—" when it has none).
QString share(const std::map<std::string, double>& shares, const std::string& worker);
// The id of the topic chosen in such a combo (0: none).
uint64_t chosenTopic(const QComboBox* combo);
// Enter or Return in `form`, in any field that leaves the key alone (line edits, spin boxes,
// check boxes, non-default buttons), runs `action`: the form's default action, as in a dialog.
// Widgets that use the key themselves (a TxPanel, a table) keep it.
void setDefaultAction(QWidget* form, std::function<void()> action);

class TxText {
    Q_DECLARE_TR_FUNCTIONS(allora::ui::TxText)

public:
    static QString kind(const TxRecord& r);
    // "Received 5 ALLO from allo1…" with the block height, for lists.
    static QString describe(const TxRecord& r);
    static QString status(const TxRecord& r);
};

inline QString describeTx(const TxRecord& r) {
    return TxText::describe(r);
}

}  // namespace allora::ui
