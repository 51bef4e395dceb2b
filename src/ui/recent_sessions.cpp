#include "ui/recent_sessions.hpp"

#include <imgui.h>

#include "core/local_format.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

void RecentSessions::draw(app::AppState& state) {
    const auto& s = state.status();
    std::string fingerprint = std::to_string(s.sessions) + "/" + std::to_string(s.pendingChanges) + "/" + s.lastSync;
    if (fingerprint != m_fingerprint) {
        m_fingerprint = fingerprint;
        // A read: attempt, not run, which would read the whole status again for nothing changed.
        state.attempt([&] { m_sessions = state.notebook().recentSessions(kLimit); });
    }
    std::string title = state.tr().format("corrections.recent", {{"count", state.tr().count(static_cast<std::int64_t>(m_sessions.size()))}});
    bool open = ImGui::CollapsingHeader(withId(title, "corrections.recent_header").c_str());
    tagItem("corrections.recent_header");
    if (!open) return;
    if (m_sessions.empty()) {
        ImGui::TextColored(kMutedColour, "%s", state.tr("corrections.recent_empty").c_str());
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("##corrections.recent_table", 4, flags)) {
        ImGui::TableSetupColumn(state.tr("learners.col.date").c_str(), ImGuiTableColumnFlags_WidthFixed,
                                ImGui::CalcTextSize("0000-00-00").x);
        ImGui::TableSetupColumn(state.tr("learners.col.kind").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(state.tr("learners.col.duration").c_str(), ImGuiTableColumnFlags_WidthFixed,
                                ImGui::CalcTextSize("000 min").x);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, m_actions.width(state));
        ImGui::TableHeadersRow();
        for (const auto& session : m_sessions) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(core::displayDate(session.date, state.language()).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%s · %s", state.label("session_kinds", core::toString(session.kind)).c_str(),
                        state.tr().plural("corrections.participants", session.participantCount()).c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d min", session.durationMinutes);
            ImGui::TableNextColumn();
            m_actions.drawButtons(state, session);
        }
        ImGui::EndTable();
    }
    m_actions.drawPopups(state);
}

}  // namespace mediane::ui
