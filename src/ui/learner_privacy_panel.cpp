#include "ui/learner_privacy_panel.hpp"

#include <algorithm>
#include <filesystem>

#include <imgui.h>

#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {
// "###": the popup keeps one id whatever its translated title.
constexpr const char* kPopup = "###privacy.confirm";
const ImVec4 kDangerColour{0.62f, 0.12f, 0.10f, 1.0f};
}  // namespace

bool LearnerPrivacyPanel::draw(app::AppState& state, app::LearnerDirectory& directory, const core::Learner& learner) {
    const bool open = ImGui::CollapsingHeader(withId(state.tr("privacy.section"), "privacy.header").c_str());
    tagItem("privacy.header");
    if (open) {
        if (button(state.tr("privacy.export"), "privacy.export")) {
            std::string file;
            auto folder = std::filesystem::path(state.notebook().dataFile()).parent_path().string();
            if (state.run([&] { file = directory.exportDossier(learner.id, folder); }))
                state.showSuccess("privacy.exported", {{"file", file}});
        }
        bool hasIdentity = !learner.firstName.empty() || !learner.lastName.empty() || !learner.phone.empty() ||
                           !learner.email.empty() || !learner.consentDate.empty();
        if (hasIdentity) {
            ImGui::SameLine();
            if (button(state.tr("privacy.withdraw"), "privacy.withdraw")) {
                confirming = Confirming::Withdraw;
                learnerId = learner.id;
            }
        }
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Button, kDangerColour);
        if (button(state.tr("privacy.erase"), "privacy.erase")) {
            confirming = Confirming::Erase;
            learnerId = learner.id;
        }
        ImGui::PopStyleColor();
    }
    return drawConfirmation(state, directory);
}

bool LearnerPrivacyPanel::drawConfirmation(app::AppState& state, app::LearnerDirectory& directory) {
    if (confirming == Confirming::Nothing) return false;
    const bool erase = confirming == Confirming::Erase;
    const std::string title = state.tr(erase ? "privacy.erase_title" : "privacy.withdraw_title");
    ImGui::SetNextWindowSize(ImVec2(std::min(620.0f, ImGui::GetIO().DisplaySize.x * 0.9f), 0), ImGuiCond_Always);
    ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    if (!ImGui::IsPopupOpen(kPopup)) ImGui::OpenPopup(kPopup);
    bool erased = false;
    if (ImGui::BeginPopupModal((title + kPopup).c_str(), nullptr,
                               ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove)) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(state.tr(erase ? "privacy.erase_body" : "privacy.withdraw_body").c_str());
        ImGui::PopTextWrapPos();
        tagItem("privacy.confirm_text");
        ImGui::Spacing();
        ImGui::PushStyleColor(ImGuiCol_Button, kDangerColour);
        bool confirmed = button(state.tr(erase ? "privacy.erase_confirm" : "privacy.withdraw_confirm"), "privacy.confirm");
        ImGui::PopStyleColor();
        ImGui::SameLine();
        bool cancelled = button(state.tr("privacy.cancel"), "privacy.cancel");
        if (confirmed) {
            std::string id = learnerId;
            if (erase) erased = state.run([&] { directory.erase(id); }, "privacy.erased");
            else state.run([&] { directory.withdrawConsent(id); }, "privacy.withdrawn");
        }
        if (confirmed || cancelled) {
            confirming = Confirming::Nothing;
            learnerId.clear();
            ImGui::CloseCurrentPopup();
        }
        ImGui::EndPopup();
    }
    return erased;
}

}  // namespace mediane::ui
