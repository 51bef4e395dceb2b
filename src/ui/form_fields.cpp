#include "ui/form_fields.hpp"

#include <imgui.h>

#include "ui/widgets.hpp"

namespace mediane::ui {

bool inError(const app::AppState& state, const char* field) {
    return state.banner.kind == app::Banner::Kind::Error && state.banner.field == field;
}

void sectionTitle(const std::string& text) {
    ImGui::Spacing();
    ImGui::TextColored(ImGui::GetStyleColorVec4(ImGuiCol_CheckMark), "%s", text.c_str());
    ImGui::Separator();
}

bool textField(app::AppState& state, const char* captionKey, const char* id, const char* field, std::string* value,
               int flags) {
    // Why: in a two-column table the second cell's text is laid out on the frame baseline; aligning every
    // caption the same way keeps side-by-side captions level.
    ImGui::AlignTextToFramePadding();
    fieldLabel(state.tr(captionKey), inError(state, field));
    ImGui::SetNextItemWidth(-1);
    return inputText("", id, value, flags);
}

}  // namespace mediane::ui
