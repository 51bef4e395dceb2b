#include "ui/status_bar.hpp"

#include <imgui.h>

#include <string>

#include "ui/widgets.hpp"

namespace mediane::ui {

void drawStatusBar(app::AppState& state) {
    const auto& s = state.status();
    ImGui::Separator();
    ImGui::TextColored(kMutedColour, "%s", state.tr().format("status.data_file", {{"file", s.dataFile}}).c_str());
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    std::string pendingKey = s.pendingChanges == 0 ? "status.pending_none"
                             : s.pendingChanges == 1 ? "status.pending_one"
                                                     : "status.pending";
    ImGui::TextUnformatted(state.tr().format(pendingKey, {{"n", std::to_string(s.pendingChanges)}}).c_str());
    tagItem("status.pending");
    ImGui::SameLine(0, ImGui::GetFontSize() * 2);
    std::string when = s.lastSync.empty() ? state.tr("status.never") : s.lastSync;
    ImGui::TextUnformatted(state.tr().format("status.last_sync", {{"when", when}}).c_str());
}

}  // namespace mediane::ui
