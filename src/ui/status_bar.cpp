#include "ui/status_bar.hpp"

#include <imgui.h>

#include <string>
#include <vector>

#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {
std::vector<std::string> statusParts(app::AppState& state) {
    const auto& s = state.status();
    std::string pendingKey = s.pendingChanges == 0 ? "status.pending_none"
                             : s.pendingChanges == 1 ? "status.pending_one"
                                                     : "status.pending";
    std::string when = s.lastSync.empty() ? state.tr("status.never") : s.lastSync;
    return {state.tr().format("status.data_file", {{"file", s.dataFile}}),
            state.tr().format(pendingKey, {{"n", std::to_string(s.pendingChanges)}}),
            state.tr().format("status.last_sync", {{"when", when}})};
}
}  // namespace

float statusBarHeight(app::AppState& state) {
    // The same wrapping as Flow, measured before drawing so the content above leaves room.
    float avail = ImGui::GetContentRegionAvail().x, x = 0, gap = ImGui::GetFontSize() * 2;
    int lines = 1;
    for (const auto& part : statusParts(state)) {
        float w = textWidth(part);
        if (x > 0 && x + gap + w > avail) {
            ++lines;
            x = 0;
        }
        x += (x > 0 ? gap : 0) + w;
    }
    return lines * ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y * 2;
}

void drawStatusBar(app::AppState& state) {
    ImGui::Separator();
    auto parts = statusParts(state);
    // Wraps rather than cuts at large font sizes: the shell reserves the height this needs.
    Flow flow(ImGui::GetFontSize() * 2);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        flow.next(textWidth(parts[i]));
        if (i == 0) {
            ImGui::TextColored(kMutedColour, "%s", parts[i].c_str());
        } else {
            ImGui::TextUnformatted(parts[i].c_str());
        }
        if (i == 1) tagItem("status.pending");
    }
}

}  // namespace mediane::ui
