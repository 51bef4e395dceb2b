#include "ui/unlock_screen.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstring>

namespace mediane::ui {

UnlockScreen::~UnlockScreen() { wipe(); }

// explicit_bzero: a plain memset of a buffer about to die may be optimised away.
void UnlockScreen::wipe() { explicit_bzero(m_passphrase, sizeof m_passphrase); }

void UnlockScreen::refused(std::string message) {
    m_error = std::move(message);
    m_focus = true;
}

std::optional<std::string> UnlockScreen::draw(const core::Translator& tr) {
    const float width = ImGui::GetContentRegionAvail().x;
    const float column = std::min(width, ImGui::GetFontSize() * 32);
    ImGui::SetCursorPos(ImVec2((width - column) / 2, ImGui::GetWindowHeight() * 0.25f));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + column);
    ImGui::TextUnformatted(tr.tr("unlock.title").c_str());
    ImGui::Spacing();
    ImGui::TextWrapped("%s", tr.tr("unlock.prompt").c_str());
    ImGui::Spacing();
    if (m_focus) {
        ImGui::SetKeyboardFocusHere();
        m_focus = false;
    }
    ImGui::SetNextItemWidth(column);
    bool submitted = ImGui::InputText("##unlock.passphrase", m_passphrase, sizeof m_passphrase,
                                      ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    submitted |= ImGui::Button(tr.tr("unlock.open").c_str());
    if (!m_error.empty()) {
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.40f, 1.0f));
        ImGui::TextWrapped("%s", m_error.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    ImGui::TextDisabled("%s", tr.tr("unlock.forgotten").c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();

    if (!submitted || m_passphrase[0] == '\0') return std::nullopt;
    std::string typed(m_passphrase);
    wipe();
    m_error.clear();
    return typed;
}

}  // namespace mediane::ui
