#include "ui/session_actions.hpp"

#include <imgui.h>

#include "core/local_format.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {
// "2026-11-26T05:07:25Z" → "2026-11-26 05:07"
std::string when(const std::string& iso) { return iso.size() < 16 ? iso : iso.substr(0, 10) + " " + iso.substr(11, 5); }

std::string fieldNames(app::AppState& state, const std::vector<std::string>& fields) {
    std::string out;
    for (const auto& f : fields) {
        std::string key = "field.session." + f;
        out += (out.empty() ? "" : ", ") + (state.tr().has(key) ? state.tr(key) : f);
    }
    return out;
}
}  // namespace

void SessionActions::drawButtons(app::AppState& state, const core::Session& session) {
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(4, 1));
    if (button(state.tr("corrections.edit"), "corrections.edit." + session.id)) {
        state.sessionToEdit = session.id;
        state.screen = "session";
    }
    ImGui::SameLine();
    if (button(state.tr("corrections.delete"), "corrections.delete." + session.id)) {
        m_target = session;
        m_openConfirm = true;
    }
    ImGui::SameLine();
    if (button(state.tr("corrections.history"), "corrections.history." + session.id)) {
        m_target = session;
        m_openHistory = true;
    }
    ImGui::PopStyleVar();
}

float SessionActions::width(app::AppState& state) const {
    float padding = 8.0f * 3 + ImGui::GetStyle().ItemSpacing.x * 2;
    return textWidth(state.tr("corrections.edit")) + textWidth(state.tr("corrections.delete")) +
           textWidth(state.tr("corrections.history")) + padding;
}

bool SessionActions::drawPopups(app::AppState& state) {
    // Opened here, not in the row: the popup's id must be the one BeginPopup looks for, outside the table.
    // "###": the modal's id ignores its translated title, so OpenPopup finds it in any language.
    if (m_openConfirm) ImGui::OpenPopup("###corrections.confirm");
    if (m_openHistory) ImGui::OpenPopup("##corrections.history_popup");
    m_openConfirm = m_openHistory = false;
    drawHistory(state);
    return drawConfirmation(state);
}

bool SessionActions::drawConfirmation(app::AppState& state) {
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0), ImGuiCond_Appearing);
    std::string title = state.tr("corrections.confirm_title") + "###corrections.confirm";
    if (!ImGui::BeginPopupModal(title.c_str(), nullptr)) return false;
    const auto& s = m_target;
    ImGui::PushTextWrapPos(0.0f);
    // A session that redeemed cheques is not deleted (Notebook::deleteSession): say why, offer nothing to confirm.
    bool refused = !s.chequesRedeemed.empty();
    if (!refused) {
        ImGui::TextUnformatted(
            state.tr()
                .format("corrections.confirm_body",
                        {{"date", core::displayDate(s.date, state.language())},
                         {"duration", state.tr().count(s.durationMinutes)},
                         {"participants", state.tr().plural("corrections.participants", s.participantCount())}})
                .c_str());
        ImGui::Spacing();
        ImGui::TextUnformatted(state.tr("corrections.confirm_lost").c_str());
        ImGui::Spacing();
    }
    if (refused) {
        std::string numbers;
        for (auto n : s.chequesRedeemed) numbers += (numbers.empty() ? "" : ", ") + std::to_string(n);
        ImGui::TextColored(kErrorColour, "%s",
                           state.tr().format("corrections.err.session_has_cheques", {{"numbers", numbers}}).c_str());
    } else {
        ImGui::TextColored(kErrorColour, "%s", state.tr("corrections.confirm_irreversible").c_str());
    }
    ImGui::PopTextWrapPos();
    tagItem("corrections.confirm_text");
    ImGui::Separator();
    bool deleted = false;
    if (!refused && button(state.tr("corrections.confirm_delete"), "corrections.confirm_delete")) {
        std::string id = s.id;
        deleted = state.run([&] { state.notebook().deleteSession(id); }, "corrections.msg_deleted");
        ImGui::CloseCurrentPopup();
    }
    if (!refused) ImGui::SameLine();
    if (button(state.tr(refused ? "corrections.close" : "corrections.cancel"), "corrections.cancel"))
        ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return deleted;
}

void SessionActions::drawHistory(app::AppState& state) {
    if (!ImGui::BeginPopup("##corrections.history_popup")) return;
    ImGui::TextUnformatted(state.tr().format("corrections.history_title", {{"date", m_target.date}}).c_str());
    ImGui::Separator();
    auto entries = state.notebook().sessionHistory(m_target.id);  // a handful of rows, read while the popup is open
    if (entries.empty()) ImGui::TextColored(kMutedColour, "%s", state.tr("corrections.history_none").c_str());
    for (const auto& e : entries) {
        std::string login = e.login.empty() ? state.tr("corrections.this_computer") : e.login;
        ImGui::TextUnformatted(state.tr()
                                   .format("corrections.history_" + e.op,
                                           {{"at", when(e.at)}, {"login", login}, {"fields", fieldNames(state, e.fields)}})
                                   .c_str());
    }
    tagItem("corrections.history_list");
    ImGui::Spacing();
    ImGui::TextColored(kMutedColour, "%s", state.tr("corrections.history_hint").c_str());
    if (button(state.tr("corrections.close"), "corrections.close")) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

}  // namespace mediane::ui
