#include "ui/status_bar.hpp"

#include <imgui.h>

#include <string>
#include <vector>

#include "app/refused_changes.hpp"
#include "ui/backup_button.hpp"
#include "ui/enrolment_dialog.hpp"
#include "ui/refused_changes_popup.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {

const ImVec4 kBusyColour{0.40f, 0.65f, 0.95f, 1.0f};
const ImVec4 kWarningColour{0.93f, 0.66f, 0.20f, 1.0f};

struct Part {
    std::string text;
    ImVec4 colour;
    const char* tag;
    std::string tooltip;
    bool isButton = false;
    bool enabled = true;
};

ImVec4 toneColour(app::SyncLine::Tone tone) {
    switch (tone) {
        case app::SyncLine::Tone::Busy: return kBusyColour;
        case app::SyncLine::Tone::Ok: return kSuccessColour;
        case app::SyncLine::Tone::Warning: return kWarningColour;
        case app::SyncLine::Tone::Error: return kErrorColour;
        case app::SyncLine::Tone::Muted: break;
    }
    return kMutedColour;
}

std::vector<Part> statusParts(app::AppState& state) {
    const auto& s = state.status();
    const ImVec4 text = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    // Refused changes are counted apart (the sync line): « en attente » is what the next sync will send.
    const std::int64_t waiting = s.pendingChanges - s.refusedChanges;
    std::string pendingKey = waiting == 0 ? "status.pending_none" : waiting == 1 ? "status.pending_one" : "status.pending";
    std::vector<Part> parts{
        {state.tr().format("status.data_file", {{"file", s.dataFile}}), kMutedColour, "status.data_file", {}},
        {state.tr().format(pendingKey, {{"n", state.tr().count(waiting)}}), text, "status.pending", {}}};
    auto line = app::withRefusals(state.sync().describe(state.tr(), s.lastSync), s.refusedChanges, state.tr());
    // The button before the changing text, so it stays put while « n sur m » grows.
    if (state.sync().enrolled())
        parts.push_back({state.tr("ui_sync.sync_now"), text, "status.sync_now", state.tr("ui_sync.sync_now_tip"), true,
                         line.canSyncNow});
    parts.push_back({line.text, toneColour(line.tone), "status.sync", line.detail});
    // Enrolling is done in the window now: the hint points at the button rather than at a terminal command.
    if (!state.sync().enrolled()) line.hint = state.tr("first_day.not_enrolled_hint");
    if (!line.hint.empty()) parts.push_back({line.hint, kMutedColour, "status.sync_hint", line.detail});
    if (line.showRefusals)
        parts.push_back({state.tr("first_day.see_why"), text, "status.see_why", state.tr("first_day.see_why_tip"), true});
    parts.push_back({state.tr("backup.button"), text, "status.backup", state.tr("backup.button_tip"), true});
    if (state.sync().enrolled())
        parts.push_back({state.tr("first_day.account_button"), text, "status.account", state.tr("first_day.account_tip"), true});
    else
        parts.push_back({state.tr("first_day.enrol_button"), text, "status.enrol", state.tr("first_day.enrol_tip"), true});
    return parts;
}

float partWidth(const Part& part) { return part.isButton ? buttonWidth(part.text) : textWidth(part.text); }

}  // namespace

float statusBarHeight(app::AppState& state) {
    // The same wrapping as Flow, measured before drawing so the content above leaves room.
    float avail = ImGui::GetContentRegionAvail().x, x = 0, gap = ImGui::GetFontSize() * 2;
    int lines = 1;
    for (const auto& part : statusParts(state)) {
        float w = partWidth(part);
        if (x > 0 && x + gap + w > avail) {
            ++lines;
            x = 0;
        }
        x += (x > 0 ? gap : 0) + w;
    }
    // Frame height: the « Synchroniser » button is taller than a line of text.
    return lines * ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y * 2;
}

void drawStatusBar(app::AppState& state) {
    ImGui::Separator();
    auto parts = statusParts(state);
    // Wraps rather than cuts at large font sizes: the shell reserves the height this needs.
    Flow flow(ImGui::GetFontSize() * 2);
    for (const auto& part : parts) {
        flow.next(partWidth(part));
        if (part.isButton) {
            ImGui::BeginDisabled(!part.enabled);
            if (button(part.text, part.tag)) {
                const std::string tag = part.tag;
                if (tag == "status.see_why") openRefusedChanges(state);
                else if (tag == "status.enrol" || tag == "status.account") openEnrolment(state);
                else if (tag == "status.backup") openBackup(state);
                else state.sync().requestSync();
            }
            ImGui::EndDisabled();
        } else {
            ImGui::AlignTextToFramePadding();
            ImGui::TextColored(part.colour, "%s", part.text.c_str());
            tagItem(part.tag);
        }
        if (!part.tooltip.empty() && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
            ImGui::TextUnformatted(part.tooltip.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
    drawRefusedChanges(state);
    drawEnrolment(state);
    drawBackup(state);
}

}  // namespace mediane::ui
