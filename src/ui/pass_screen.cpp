#include "ui/pass_screen.hpp"

#include <imgui.h>

namespace mediane::ui {

void PassScreen::draw(app::AppState& state) {
    ImGui::TextUnformatted(state.tr("pass.title").c_str());
}

}  // namespace mediane::ui
