#include "ui/guiutil.h"

#include <QByteArray>

namespace allora::ui {

namespace {
DisplayUnit gDisplayUnit = DisplayUnit::Allo;
}  // namespace

DisplayUnit displayUnit() {
    return gDisplayUnit;
}

void setDisplayUnit(DisplayUnit unit) {
    gDisplayUnit = unit;
}

SecureBytes toSecureBytes(const QString& text) {
    QByteArray utf8 = text.toUtf8();
    SecureBytes out(ByteSpan(reinterpret_cast<const uint8_t*>(utf8.constData()),
                             static_cast<size_t>(utf8.size())));
    wipe(utf8);
    return out;
}

void wipe(QString& s) {
    // isDetached(): only wipe a buffer nobody else reads; data() would otherwise copy it first.
    if (!s.isEmpty() && s.isDetached()) secureWipe(s.data(), static_cast<size_t>(s.size()) * 2);
    s.clear();
}

void wipe(QByteArray& b) {
    if (!b.isEmpty() && b.isDetached()) secureWipe(b.data(), static_cast<size_t>(b.size()));
    b.clear();
}

std::vector<std::string_view> splitWords(std::string_view s) {
    std::vector<std::string_view> words;
    while (!s.empty()) {
        const size_t space = s.find(' ');
        if (space != 0) words.push_back(s.substr(0, space));
        if (space == std::string_view::npos) break;
        s.remove_prefix(space + 1);
    }
    return words;
}

QString shortAddress(const QString& address) {
    const qsizetype sep = address.lastIndexOf(QLatin1Char('1'));
    constexpr qsizetype kHead = 4, kTail = 5;
    if (sep < 0 || address.size() - sep - 1 <= kHead + kTail + 1) return address;
    return address.left(sep + 1 + kHead) + QChar(0x2026) + address.right(kTail);
}

}  // namespace allora::ui
