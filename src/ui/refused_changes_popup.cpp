#include "ui/refused_changes_popup.hpp"

#include <imgui.h>

#include <vector>

#include "app/refused_changes.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {
constexpr const char* kPopupId = "##refused_changes";
constexpr int kListed = 300;

// The rows read at the click; the popup is modal, so nothing changes them while it shows.
struct Shown {
    std::vector<app::RefusedChangeRow> rows;
    std::int64_t total = 0;
    bool openNextFrame = false;
};
Shown& shown() {
    static Shown s;
    return s;
}
}  // namespace

void openRefusedChanges(app::AppState& state) {
    auto& s = shown();
    state.run([&] {
        s.rows = app::describeRefusals(state.notebook().refusedChanges(kListed), state.tr());
        s.total = state.status().refusedChanges;
    });
    s.openNextFrame = true;
}

void drawRefusedChanges(app::AppState& state) {
    auto& s = shown();
    const std::string title = state.tr("first_day.refused_title") + kPopupId;
    if (s.openNextFrame) {
        ImGui::OpenPopup(title.c_str());
        s.openNextFrame = false;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x * 0.85f, viewport->WorkSize.y * 0.75f), ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                   viewport->WorkPos.y + viewport->WorkSize.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(state.tr("first_day.refused_intro").c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    float footer = ImGui::GetFrameHeightWithSpacing() * 1.5f;
    if (ImGui::BeginTable("##refused_changes.table", 3,
                          ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                              ImGuiTableFlags_SizingStretchProp,
                          ImVec2(0, -footer))) {
        ImGui::TableSetupColumn(state.tr("first_day.refused_col_what").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(state.tr("first_day.refused_col_reason").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn(state.tr("first_day.refused_col_todo").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableHeadersRow();
        int i = 0;
        for (const auto& row : s.rows) {
            ImGui::TableNextRow();
            for (const std::string* cell : {&row.what, &row.reason, &row.todo}) {
                ImGui::TableNextColumn();
                ImGui::PushTextWrapPos(0.0f);
                ImGui::TextUnformatted(cell->c_str());
                ImGui::PopTextWrapPos();
            }
            if (i++ == 0) tagItem("refused.first_row");
        }
        ImGui::EndTable();
    }
    if (s.total > static_cast<std::int64_t>(s.rows.size()))
        ImGui::TextUnformatted(state.tr().format("first_day.refused_more",
                                                 {{"n", std::to_string(s.total - static_cast<std::int64_t>(s.rows.size()))}})
                                   .c_str());
    if (button(state.tr("first_day.refused_close"), "refused.close") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace mediane::ui
