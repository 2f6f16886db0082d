// Small helpers shared by the widgets: moving secrets between Qt strings and SecureBytes, and
// formatting addresses for places where the full bech32 string does not fit.
#pragma once

#include <QString>
#include <string_view>
#include <vector>

#include "core/bytes.h"

class QByteArray;

namespace allora::ui {

// The UTF-8 bytes of `text` in secure memory. The temporary UTF-8 copy is wiped; `text` itself is
// left alone (the caller decides whether to wipe it).
SecureBytes toSecureBytes(const QString& text);

// Overwrites the characters before releasing them. Qt strings are implicitly shared: this only
// wipes the memory when `s` is its only owner (a shared buffer is detached, not wiped).
void wipe(QString& s);
void wipe(QByteArray& b);

// The words of a normalised mnemonic (separated by single spaces), as views into it.
std::vector<std::string_view> splitWords(std::string_view mnemonic);

// The unit amounts are shown in (Settings): ALLO with decimals, or whole uallo. GUI thread only.
enum class DisplayUnit { Allo, Uallo };
DisplayUnit displayUnit();
void setDisplayUnit(DisplayUnit unit);

// "allo1qypq…s2xwv": the prefix and separator, the first 4 and the last 5 data characters.
QString shortAddress(const QString& address);

}  // namespace allora::ui
