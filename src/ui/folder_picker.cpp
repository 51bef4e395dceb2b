#include "ui/folder_picker.hpp"

#include <imgui.h>

#include <algorithm>
#include <filesystem>
#include <system_error>

#include "app/user_folders.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {
// "###": the popup's id ignores its translated title, so OpenPopup finds it in any language.
const char* kPopup = "###folder_picker";
}  // namespace

void FolderPicker::open(const std::string& start) {
    go(start);
    m_requested = true;
}

void FolderPicker::go(const std::string& folder) {
    std::error_code ec;
    std::filesystem::path path = std::filesystem::weakly_canonical(folder, ec);
    if (ec || !std::filesystem::is_directory(path, ec)) return;  // stay where we are
    m_current = path.string();
    m_typed = m_current;
    m_children = app::subfolders(m_current);
}

std::optional<std::string> FolderPicker::draw(app::AppState& state) {
    if (m_requested) {
        ImGui::OpenPopup(kPopup);
        m_requested = false;
    }
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowSize(ImVec2(std::min(viewport->WorkSize.x * 0.9f, ImGui::GetFontSize() * 40),
                                    std::min(viewport->WorkSize.y * 0.85f, ImGui::GetFontSize() * 28)),
                             ImGuiCond_Appearing);
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f,
                                   viewport->WorkPos.y + viewport->WorkSize.y * 0.5f),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    std::optional<std::string> chosen;
    if (!ImGui::BeginPopupModal((state.tr("folder_picker.title") + kPopup).c_str(), nullptr,
                                ImGuiWindowFlags_NoSavedSettings))
        return chosen;

    // The path can be typed (or pasted) too; Enter goes there when it is a folder.
    ImGui::SetNextItemWidth(-1);
    if (inputText("", "folder_picker.path", &m_typed, ImGuiInputTextFlags_EnterReturnsTrue)) go(m_typed);
    if (button(state.tr("folder_picker.up"), "folder_picker.up"))
        go(std::filesystem::path(m_current).parent_path().string());

    const float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y;
    ImGui::BeginChild("##folder_picker.list", ImVec2(0, -footer), true);
    if (m_children.empty()) ImGui::TextColored(kMutedColour, "%s", state.tr("folder_picker.empty").c_str());
    std::string enter;
    for (std::size_t i = 0; i < m_children.size(); ++i) {
        const std::string tag = "folder_picker.entry_" + std::to_string(i);
        if (ImGui::Selectable(withId(m_children[i] + "/", tag).c_str())) enter = m_children[i];
        tagItem(tag);
    }
    ImGui::EndChild();
    if (!enter.empty()) go((std::filesystem::path(m_current) / enter).string());

    if (button(state.tr("folder_picker.choose"), "folder_picker.choose")) {
        chosen = m_current;
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    if (button(state.tr("folder_picker.cancel"), "folder_picker.cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)))
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return chosen;
}

}  // namespace mediane::ui
