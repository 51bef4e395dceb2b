#include "ui/startup_problem_screen.hpp"

#include <imgui.h>

#include "ui/widgets.hpp"

namespace mediane::ui {

StartupChoice drawStartupProblem(const app::StartupProblem& problem, const core::Translator& tr) {
    StartupChoice choice = StartupChoice::None;
    const float margin = ImGui::GetFontSize() * 2;
    ImGui::SetCursorPos(ImVec2(margin, margin));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - margin);
    ImGui::TextColored(kErrorColour, "%s", problem.title.c_str());
    tagItem("startup.title");
    ImGui::Spacing();
    ImGui::TextUnformatted(problem.message.c_str());
    tagItem("startup.message");
    ImGui::Spacing();
    ImGui::TextUnformatted(problem.nextStep.c_str());
    tagItem("startup.next");
    ImGui::Spacing();
    if (problem.canRetry) {
        if (button(tr.tr("first_day.startup.retry"), "startup.retry")) choice = StartupChoice::Retry;
        ImGui::SameLine();
    }
    if (button(tr.tr("first_day.startup.quit"), "startup.quit")) choice = StartupChoice::Quit;
    ImGui::Spacing();
    if (problem.detail != problem.message && ImGui::CollapsingHeader(tr.tr("first_day.startup.detail").c_str())) {
        ImGui::TextColored(kMutedColour, "%s", problem.detail.c_str());
        tagItem("startup.detail");
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    return choice;
}

}  // namespace mediane::ui
