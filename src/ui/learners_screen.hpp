// The Bénéficiaires tab: search learners, create one, and open a learner's card with history and progress.
#pragma once

#include "app/app_state.hpp"

namespace mediane::ui {

class LearnersScreen {
public:
    // Draws only the tab's contents; the shell owns the window and the tab bar.
    void draw(app::AppState& state);
};

}  // namespace mediane::ui
