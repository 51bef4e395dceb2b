#include "ui/form_fields.hpp"

#include <imgui.h>

#include "ui/date_field.hpp"
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
    bool result = inputText("", id, value, flags);
    if (ImGui::IsItemEdited() && inError(state, field)) state.banner = {};  // corrected: the error goes
    return result;
}

bool dateField(app::AppState& state, const char* captionKey, const char* id, const char* field, std::string& isoDate) {
    ImGui::AlignTextToFramePadding();
    fieldLabel(state.tr(captionKey), inError(state, field));
    ImGui::SetNextItemWidth(-1);
    bool changed = dateInput("", id, isoDate, state.language());
    if (changed && inError(state, field)) state.banner = {};  // corrected: the error goes
    return changed;
}

}  // namespace mediane::ui
