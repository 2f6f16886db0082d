// The application's look: follow the system (the default), or a light or dark palette chosen in
// the settings. Widgets never pick colours of their own; they draw with palette roles, so this is
// the one place that names colours.
#pragma once

#include <QPalette>

namespace allora::ui {

enum class Theme { System, Light, Dark };

// Qt's Fusion palette in dark tones (window, base and button dark; text light; the highlight
// a readable blue on both).
QPalette darkPalette();
// Sets the application palette (and the Fusion style for Light and Dark, whose palette it
// follows exactly); System restores the style's own palette.
void applyTheme(Theme theme);

}  // namespace allora::ui
