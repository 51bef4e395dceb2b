#include "ui/place_field.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include "ui/widgets.hpp"

namespace mediane::ui {

std::optional<std::string> PlaceField::draw(app::AppState& state, const std::string& id,
                                            const std::vector<core::Place>& places, const std::string& pickedId) {
    const core::Place* first = places.empty() ? nullptr : &places.front();
    if (first != m_source || places.size() != m_sourceSize || (places.empty() && !m_picker.places().empty())) {
        // Built once per list, not per frame: the directory may hold 10,000 places. Nothing changes, so no status
        // refresh (run()'s): it was a tenth of the Séance screen's start-up on a large notebook.
        state.attempt([&] {
            m_picker.setPlaces(app::orderForPicking(places, state.notebook().ownPlaces(),
                                                    state.notebook().settings().get("last_place_id", "")));
        });
        m_source = first;
        m_sourceSize = places.size();
    }
    std::optional<std::string> picked;
    ImGui::PushID(id.c_str());
    const core::Place* current = pickedId.empty() ? nullptr : m_picker.find(pickedId);
    if (current && !m_searching) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(app::placeLabel(*current).c_str());
        tagItem(id + "_picked");
        ImGui::SameLine();
        if (button(state.tr("first_day.place_change"), id + "_change")) {
            m_searching = true;
            m_focus = true;
            m_typed.clear();
            m_picker.setQuery("");
        }
        ImGui::PopID();
        return std::nullopt;
    }
    if (m_focus) {
        ImGui::SetKeyboardFocusHere();
        m_focus = false;
    }
    ImGui::SetNextItemWidth(-1);
    bool enter = ImGui::InputTextWithHint(withId("", id).c_str(), state.tr("first_day.place_hint").c_str(), &m_typed,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    tagItem(id);
    if (ImGui::IsItemActive()) {
        ImGui::GetCurrentContext()->ActiveIdUsingNavDirMask |= (1 << ImGuiDir_Up) | (1 << ImGuiDir_Down);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) m_picker.moveHighlight(+1);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) m_picker.moveHighlight(-1);
        if (current && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) m_searching = false;
    }
    if (m_typed != m_picker.query()) m_picker.setQuery(m_typed);
    if (enter) picked = m_picker.confirm();

    const auto& matches = m_picker.matches();
    for (std::size_t i = 0; i < matches.size() && !picked; ++i) {
        std::string tag = id + "_match_" + std::to_string(i);
        bool highlighted = static_cast<int>(i) == m_picker.highlighted();
        if (ImGui::Selectable(withId(app::placeLabel(*matches[i]), tag).c_str(), highlighted)) picked = matches[i]->id;
        tagItem(tag);
    }
    if (!picked && m_picker.matchCount() > matches.size())
        ImGui::TextColored(kMutedColour, "%s",
                           state.tr().format("first_day.place_more", {{"n", std::to_string(m_picker.matchCount() - matches.size())}})
                               .c_str());
    if (!picked && matches.empty() && !places.empty())
        ImGui::TextColored(kMutedColour, "%s", state.tr("first_day.place_no_match").c_str());
    if (picked) {
        m_typed.clear();
        m_picker.setQuery("");
        m_searching = false;
    }
    ImGui::PopID();
    return picked;
}

}  // namespace mediane::ui
