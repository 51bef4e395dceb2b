#include "ui/learners_screen.hpp"

#include <imgui.h>

namespace mediane::ui {

void LearnersScreen::draw(app::AppState& state) {
    ImGui::TextUnformatted(state.tr("learners.title").c_str());
}

}  // namespace mediane::ui
