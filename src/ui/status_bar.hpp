// The bottom line of the window: data file, changes waiting for sync, the live sync state and « Synchroniser ».
#pragma once

#include "app/app_state.hpp"

namespace mediane::ui {

// Reads only cached state: the counts are refreshed after each command and each completed sync, the
// sync line from the snapshot AppState::pollSync() copied this frame; nothing here queries or waits.
void drawStatusBar(app::AppState& state);
// The height drawStatusBar will take at the current width (it wraps at large font sizes).
float statusBarHeight(app::AppState& state);

}  // namespace mediane::ui
