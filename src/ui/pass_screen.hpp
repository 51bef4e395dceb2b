// The Pass numérique tab: receive booklets, give and claim cheques, stock and use per month.
#pragma once

#include "app/app_state.hpp"

namespace mediane::ui {

class PassScreen {
public:
    // Draws only the tab's contents; the shell owns the window and the tab bar.
    void draw(app::AppState& state);
};

}  // namespace mediane::ui
