#include "ui/conflict_inbox_screen.hpp"

#include <imgui.h>

#include "core/local_format.hpp"
#include "ui/screen_registry.hpp"
#include "ui/widgets.hpp"

// Section index: values as text · list · detail (header, learner or session fields, redemptions, decision)

namespace mediane::ui {

namespace {

// A value as the adviser reads it: nothing as « (vide) ».
std::string valueText(app::AppState& state, const std::string& v) {
    return v.empty() ? state.tr("conflicts.empty_value") : v;
}

// "field.learner.phone", "field.session.duration_minutes": the field as the forms name it.
std::string recordFieldLabel(app::AppState& state, const std::string& entity, const std::string& field) {
    std::string key = "field." + entity + "." + field;
    return state.tr().has(key) ? state.tr(key) : field;
}

std::string kindLabel(app::AppState& state, const std::string& kind) {
    std::string key = "conflicts.kind." + kind;
    return state.tr().has(key) ? state.tr(key) : kind;
}

std::string shortDevice(const std::string& id) { return id.size() > 8 ? id.substr(id.size() - 8) : id; }

// The hub's UTC stamp in this computer's local time, the language's way ("26/11/2026 06:07").
std::string when(const std::string& iso, const std::string& language) { return core::displayTimestamp(iso, language); }
}  // namespace

void ConflictInboxScreen::draw(app::AppState& state) {
    if (!m_inbox) m_inbox = std::make_unique<app::ConflictInbox>(state.notebook());
    // A completed sync may bring conflicts or their resolutions: read the local inbox again then only.
    state.attempt([&] { m_inbox->refresh(state.sync().generation()); });

    float listWidth = ImGui::GetContentRegionAvail().x * 0.36f;
    ImGui::BeginChild("##conflicts.list", ImVec2(listWidth, 0), true);
    drawList(state);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##conflicts.detail", ImVec2(0, 0), true);
    const app::ConflictView* view = m_selected ? m_inbox->find(m_selected) : nullptr;
    if (!view && !m_inbox->open().empty()) {
        select(m_inbox->open().front().conflict.id);
        view = m_inbox->find(m_selected);
    }
    if (view)
        drawDetail(state, *view);
    else
        ImGui::TextColored(kMutedColour, "%s", state.tr("conflicts.none").c_str());
    ImGui::EndChild();
}

void ConflictInboxScreen::select(std::int64_t id) {
    if (id == m_selected) return;
    m_selected = id;
    m_keepIncoming.clear();
    m_keep.clear();
    m_note.clear();
}

void ConflictInboxScreen::drawList(app::AppState& state) {
    const auto& open = m_inbox->open();
    ImGui::TextUnformatted(state.tr().plural("conflicts.open_count", static_cast<std::int64_t>(open.size())).c_str());
    tagItem("conflicts.open_count");
    ImGui::Separator();
    auto row = [&](const app::ConflictView& v, bool muted) {
        const auto& c = v.conflict;
        std::string title = kindLabel(state, c.kind) + " \xE2\x80\x94 " + v.recordLabel;
        std::string id = "conflicts.row_" + std::to_string(c.id);
        if (muted) ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
        if (ImGui::Selectable(withId(title, id).c_str(), m_selected == c.id)) select(c.id);
        tagItem(id);
        if (muted) ImGui::PopStyleColor();
        std::string sub = when(c.createdAt, state.language());
        if (c.state == "sent") sub += " \xC2\xB7 " + state.tr("conflicts.state_sent");
        if (!v.refusal.empty()) sub += " \xC2\xB7 " + state.tr("conflicts.state_refused");
        ImGui::TextColored(kMutedColour, "   %s", sub.c_str());
    };
    for (const auto& v : open) row(v, false);
    if (open.empty()) ImGui::TextColored(kMutedColour, "%s", state.tr("conflicts.none").c_str());
    ImGui::Spacing();
    checkbox(state.tr().format("conflicts.show_resolved", {{"n", state.tr().count(static_cast<std::int64_t>(m_inbox->closed().size()))}}),
             "conflicts.show_resolved", &m_showResolved);
    if (m_showResolved)
        for (const auto& v : m_inbox->closed()) row(v, true);
}

void ConflictInboxScreen::drawDetail(app::AppState& state, const app::ConflictView& view) {
    const auto& c = view.conflict;
    ImGui::TextUnformatted((kindLabel(state, c.kind) + " \xE2\x80\x94 " + view.recordLabel).c_str());
    tagItem("conflicts.title");
    std::string explainKey = "conflicts.explain." + c.kind;
    if (state.tr().has(explainKey)) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(kMutedColour, "%s", state.tr(explainKey).c_str());
        ImGui::PopTextWrapPos();
    }
    std::string device = shortDevice(c.deviceId);
    if (view.raisedHere) device += " (" + state.tr("conflicts.this_computer") + ")";
    ImGui::TextUnformatted(state.tr()
                               .format("conflicts.raised", {{"when", when(c.createdAt, state.language())},
                                                            {"device", device},
                                                            {"structure", c.structure}})
                               .c_str());
    ImGui::Separator();
    if (!view.fields.empty()) drawFields(state, view);
    if (!view.redemptions.empty()) drawRedemptions(state, view);
    ImGui::Spacing();
    drawDecision(state, view);
}

void ConflictInboxScreen::drawFields(app::AppState& state, const app::ConflictView& view) {
    bool decide = view.conflict.state == "open" && view.conflict.kind == "hard";
    int columns = decide ? 4 : 3;
    if (!ImGui::BeginTable("##conflicts.fields", columns, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg |
                                                              ImGuiTableFlags_SizingStretchProp))
        return;
    ImGui::TableSetupColumn(state.tr("conflicts.col_field").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(state.tr("conflicts.col_hub").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn(state.tr("conflicts.col_incoming").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    if (decide) ImGui::TableSetupColumn(state.tr("conflicts.col_keep").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableHeadersRow();
    for (const auto& row : view.fields) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(recordFieldLabel(state, view.conflict.entity, row.field).c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", valueText(state, row.hub).c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", valueText(state, row.incoming).c_str());
        if (!decide) continue;
        ImGui::TableNextColumn();
        bool& incoming = m_keepIncoming[row.field];
        std::string hubId = "conflicts.keep_hub." + row.field, inId = "conflicts.keep_incoming." + row.field;
        if (ImGui::RadioButton(withId(state.tr("conflicts.keep_hub"), hubId).c_str(), !incoming)) incoming = false;
        tagItem(hubId);
        ImGui::SameLine();
        if (ImGui::RadioButton(withId(state.tr("conflicts.keep_incoming"), inId).c_str(), incoming)) incoming = true;
        tagItem(inId);
    }
    ImGui::EndTable();
}

void ConflictInboxScreen::drawRedemptions(app::AppState& state, const app::ConflictView& view) {
    bool decide = view.conflict.state == "open";
    if (decide && m_keep.empty()) m_keep = view.redemptions.front().recordId;  // the first to reach the hub, by default
    if (!ImGui::BeginTable("##conflicts.redemptions", decide ? 5 : 4,
                           ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp))
        return;
    ImGui::TableSetupColumn(state.tr("conflicts.col_session").c_str());
    ImGui::TableSetupColumn(state.tr("conflicts.col_date").c_str());
    ImGui::TableSetupColumn(state.tr("conflicts.col_place").c_str());
    ImGui::TableSetupColumn(state.tr("conflicts.col_structure").c_str());
    if (decide) ImGui::TableSetupColumn(state.tr("conflicts.col_keeps_cheque").c_str());
    ImGui::TableHeadersRow();
    int i = 0;
    for (const auto& r : view.redemptions) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(state.tr(r.incoming ? "conflicts.redemption_second" : "conflicts.redemption_first").c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(core::displayDate(r.date, state.language()).c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", r.place.empty() ? state.tr("conflicts.place_unknown").c_str() : r.place.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", r.structure.c_str());
        if (decide) {
            ImGui::TableNextColumn();
            std::string id = "conflicts.keep_" + std::to_string(i);
            if (ImGui::RadioButton(withId(state.tr("conflicts.keeps_cheque"), id).c_str(), m_keep == r.recordId))
                m_keep = r.recordId;
            tagItem(id);
        }
        ++i;
    }
    ImGui::EndTable();
}

void ConflictInboxScreen::drawDecision(app::AppState& state, const app::ConflictView& view) {
    const auto& c = view.conflict;
    if (c.state == "resolved") {
        const std::string& note = c.resolutionNote;
        ImGui::TextColored(kSuccessColour, "%s",
                           state.tr()
                               .format("conflicts.resolved_by", {{"who", c.resolvedBy}, {"when", when(c.resolvedAt, state.language())}})
                               .c_str());
        tagItem("conflicts.resolved");
        if (!note.empty()) ImGui::TextWrapped("%s", state.tr().format("conflicts.note_was", {{"note", note}}).c_str());
        return;
    }
    if (c.state == "sent") {
        ImGui::TextColored(kMutedColour, "%s", state.tr("conflicts.sent_hint").c_str());
        tagItem("conflicts.sent");
        return;
    }
    if (!view.refusal.empty())
        ImGui::TextColored(kErrorColour, "%s",
                           state.tr().format("conflicts.refused", {{"reason", view.refusal}}).c_str());
    if (!view.decidable) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(kMutedColour, "%s", state.tr("conflicts.coordinator_decides").c_str());
        ImGui::PopTextWrapPos();
        tagItem("conflicts.coordinator_decides");
        return;
    }
    fieldLabel(state.tr("conflicts.note"), state.banner.field == "conflicts.note");
    ImGui::SetNextItemWidth(-1);
    inputText("", "conflicts.note", &m_note);
    if (!button(state.tr("conflicts.resolve"), "conflicts.resolve")) return;
    auto id = c.id;
    state.run(
        [&] {
            if ((c.entity == "learner" || c.entity == "session") && c.kind == "hard") {
                std::map<std::string, bool> keep;
                for (const auto& row : view.fields) keep[row.field] = m_keepIncoming[row.field];
                m_inbox->resolveFieldsKeeping(id, keep, m_note);
            } else if (c.kind == "over_redemption") {
                m_inbox->resolveRedemption(id, m_keep, m_note);
            } else {
                m_inbox->resolveWithNote(id, m_note);
            }
        },
        "conflicts.msg_resolved");
}

ScreenEntry conflictInboxScreenEntry() {
    return screenEntry<ConflictInboxScreen>("conflicts", "conflicts.tab_title", "shell.tab_conflicts", 60);
}

}  // namespace mediane::ui
