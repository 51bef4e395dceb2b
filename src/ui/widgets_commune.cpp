#include "ui/widgets_commune.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include "ui/widgets.hpp"

namespace mediane::ui {

CommuneFieldEvent CommuneField::draw(app::AppState& state, const std::string& id, const std::string& pickedLabel) {
    if (!m_picker) m_picker.emplace([&state]() -> const core::CommuneDirectory& { return state.communes(); });
    CommuneFieldEvent event;
    ImGui::PushID(id.c_str());

    if (!pickedLabel.empty()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(pickedLabel.c_str());
        tagItem(id + "_picked");
        ImGui::SameLine();
        if (button("\xC3\x97", id + "_clear")) {
            event.cleared = true;
            m_focus = true;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state.tr("session.commune_change").c_str());
        ImGui::PopID();
        return event;
    }

    if (m_focus) {
        ImGui::SetKeyboardFocusHere();
        m_focus = false;
    }
    ImGui::SetNextItemWidth(-1);
    bool enter = ImGui::InputTextWithHint(withId("", id).c_str(), state.tr("session.commune_hint").c_str(), &m_typed,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    tagItem(id);
    if (ImGui::IsItemActive()) {
        // Up/Down move in the matches instead of moving keyboard navigation away from the field.
        ImGui::GetCurrentContext()->ActiveIdUsingNavDirMask |= (1 << ImGuiDir_Up) | (1 << ImGuiDir_Down);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) m_picker->moveHighlight(+1);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) m_picker->moveHighlight(-1);
    }
    // Searches only when the text changed: 35,000 names are scanned per keystroke, not per frame.
    if (m_typed != m_picker->query()) state.run([&] { m_picker->setQuery(m_typed); });
    if (enter) event.picked = m_picker->confirm();

    const auto& matches = m_picker->matches();
    for (std::size_t i = 0; i < matches.size() && !event.picked; ++i) {
        std::string tag = id + "_match_" + std::to_string(i);
        bool highlighted = static_cast<int>(i) == m_picker->highlighted();
        if (ImGui::Selectable(withId(m_picker->matchLabel(i), tag).c_str(), highlighted)) event.picked = m_picker->pick(i);
        tagItem(tag);
    }
    if (!event.picked && matches.empty() && m_typed.find_first_not_of(" \t") != std::string::npos)
        ImGui::TextColored(kMutedColour, "%s", state.tr("session.commune_no_match").c_str());
    if (event.picked) m_typed.clear();
    ImGui::PopID();
    return event;
}

}  // namespace mediane::ui
