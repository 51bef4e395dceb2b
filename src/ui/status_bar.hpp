// The bottom line of the window: data file, changes waiting for sync, last sync (from AppState::status()).
#pragma once

#include "app/app_state.hpp"

namespace mediane::ui {

// Reads only the cached status: the counts are refreshed after each command, never queried per frame.
void drawStatusBar(app::AppState& state);
// The height drawStatusBar will take at the current width (it wraps at large font sizes).
float statusBarHeight(app::AppState& state);

}  // namespace mediane::ui
