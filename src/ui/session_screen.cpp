// Sections: when and where · who (picker, head count, cheques) · what (themes, equipment, autonomy,
// competences, assessments) · follow-up (orientation, notes) · save bar.
#include "ui/session_screen.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/model.hpp"
#include "ui/screen_registry.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {

using app::SessionForm;

bool inError(const app::AppState& state, const char* field) {
    return state.banner.kind == app::Banner::Kind::Error && state.banner.field == field;
}

void sectionTitle(const std::string& text) {
    ImGui::Spacing();
    ImGui::TextColored(ImGui::GetStyleColorVec4(ImGuiCol_CheckMark), "%s", text.c_str());
    ImGui::Separator();
}

// Places as "Name (Commune)"; the combo's first entry may be "none".
bool placeCombo(app::AppState& state, const char* id, const SessionForm& form, std::string& placeId,
                const std::string& noneLabel) {
    std::string preview = noneLabel;
    for (const auto& p : form.places())
        if (p.id == placeId) preview = p.commune.empty() ? p.name : p.name + " (" + p.commune + ")";
    bool changed = false;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo(id, preview.c_str())) {
        if (!noneLabel.empty() && ImGui::Selectable(noneLabel.c_str(), placeId.empty())) {
            placeId.clear();
            changed = true;
        }
        for (const auto& p : form.places()) {
            ImGui::PushID(p.id.c_str());
            std::string text = p.commune.empty() ? p.name : p.name + " (" + p.commune + ")";
            if (ImGui::Selectable(text.c_str(), p.id == placeId)) {
                placeId = p.id;
                changed = true;
            }
            ImGui::PopID();
        }
        ImGui::EndCombo();
    }
    tagItem(id + 2);  // drop the leading "##"
    (void)state;
    return changed;
}

}  // namespace

void SessionScreen::draw(app::AppState& state) {
    if (!m_form) m_form = std::make_unique<SessionForm>(state.notebook());
    if (!state.orientationToApply.empty()) {  // "Orienter le bénéficiaire ici" in the Annuaire
        m_form->setOrientation(state.orientationToApply);
        state.orientationToApply.clear();
    }

    float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y * 2;
    ImGui::BeginChild("##session.scroll", ImVec2(0, -footer), false);
    if (ImGui::BeginTable("##session.columns", 2, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_PadOuterX)) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        drawWhen(state);
        drawWho(state);
        ImGui::TableNextColumn();
        drawWhat(state);
        drawAssessments(state);
        drawFollowUp(state);
        ImGui::EndTable();
    }
    ImGui::EndChild();

    ImGui::Separator();
    if (button(state.tr("session.save"), "session.save") || ctrlPressed(kKeyS)) save(state);
    ImGui::SameLine();
    ImGui::TextColored(kMutedColour, "%s", state.tr("session.save_hint").c_str());
}

void SessionScreen::save(app::AppState& state) {
    if (state.run([&] { m_form->save(); }, "msg.session_saved")) {
        m_query.clear();
        m_chequeText.clear();
        m_chequeNotNumber = false;
    }
}

// --- When and where ---------------------------------------------------------------------------
void SessionScreen::drawWhen(app::AppState& state) {
    auto& d = m_form->draft();
    sectionTitle(state.tr("session.section_when"));

    fieldLabel(state.tr("field.session.date"), inError(state, "session.date"));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (inputText("", "session.date", &d.date)) m_form->recheckCheques();
    ImGui::SameLine();
    ImGui::TextColored(kMutedColour, "%s", state.tr("session.date_format").c_str());

    fieldLabel(state.tr("session.duration_minutes"), inError(state, "session.duration"));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    inputInt("", "session.duration", &d.durationMinutes, 15);
    for (int minutes : {30, 45, 60, 90, 120}) {
        std::string text = std::to_string(minutes);
        ImGui::SameLine();
        if (toggleButton(text, "session.duration_" + text, d.durationMinutes == minutes)) d.durationMinutes = minutes;
    }

    fieldLabel(state.tr("session.kind"), false);
    const auto& kinds = state.notebook().vocabularies().sessionKinds().terms();
    Flow kindFlow;
    for (std::size_t i = 0; i < kinds.size(); ++i) {
        auto kind = core::sessionKindFrom(kinds[i].code);
        if (!kind) continue;
        kindFlow.next(choiceWidth(kinds[i].label(state.language())));
        if (ImGui::RadioButton(withId(kinds[i].label(state.language()), "session.kind_" + kinds[i].code).c_str(),
                               d.kind == *kind))
            d.kind = *kind;
        tagItem("session.kind_" + kinds[i].code);
    }

    fieldLabel(state.tr("field.session.place"), inError(state, "session.place"));
    const auto& modes = state.notebook().vocabularies().placeModes().terms();
    Flow modeFlow;
    for (std::size_t i = 0; i < modes.size(); ++i) {
        auto mode = core::placeModeFrom(modes[i].code);
        if (!mode) continue;
        modeFlow.next(choiceWidth(modes[i].label(state.language())));
        if (ImGui::RadioButton(withId(modes[i].label(state.language()), "session.mode_" + modes[i].code).c_str(),
                               d.placeMode == *mode))
            d.placeMode = *mode;
        tagItem("session.mode_" + modes[i].code);
    }
    if (d.placeMode == core::PlaceMode::Place) {
        if (m_form->places().empty()) {
            ImGui::TextColored(kMutedColour, "%s", state.tr("session.no_places").c_str());
        } else {
            placeCombo(state, "##session.place", *m_form, d.placeId, "");
        }
    }
}

// --- Who ----------------------------------------------------------------------------------------
void SessionScreen::drawWho(app::AppState& state) {
    auto& d = m_form->draft();
    sectionTitle(state.tr("session.section_who"));
    fieldLabel(state.tr("field.session.learners"), inError(state, "session.learners"));

    if (m_form->learners().empty()) ImGui::TextColored(kMutedColour, "%s", state.tr("session.picked_none").c_str());
    std::string toRemove;
    Flow chips;
    for (std::size_t i = 0; i < m_form->learners().size(); ++i) {
        const auto& l = m_form->learners()[i];
        // "×" removes: the whole chip is the button, big enough to hit on a touchpad.
        std::string chip = l.displayName() + "  \xC3\x97";
        chips.next(buttonWidth(chip));
        if (button(chip, "session.picked_" + std::to_string(i))) toRemove = l.id;
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state.tr("session.remove_learner").c_str());
    }
    if (!toRemove.empty()) m_form->removeLearner(toRemove);

    drawPicker(state);

    if (d.kind == core::SessionKind::Workshop) {
        fieldLabel(state.tr("field.session.anonymous_count"), inError(state, "session.anonymous_count"));
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        inputInt("", "session.anonymous_count", &d.anonymousCount);
        if (d.anonymousCount < 0) d.anonymousCount = 0;
    }
    drawCheques(state);
}

void SessionScreen::drawPicker(app::AppState& state) {
    if (m_focusPicker) {
        ImGui::SetKeyboardFocusHere();
        m_focusPicker = false;
    }
    ImGui::SetNextItemWidth(-1);
    bool enter = ImGui::InputTextWithHint("##session.learner_query", state.tr("session.picker_hint").c_str(), &m_query,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    tagItem("session.learner_query");
    bool active = ImGui::IsItemActive();
    if (active) {
        // Up/Down move in the matches instead of moving keyboard navigation away from the field.
        ImGui::GetCurrentContext()->ActiveIdUsingNavDirMask |= (1 << ImGuiDir_Up) | (1 << ImGuiDir_Down);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_DownArrow))) m_form->moveHighlight(+1);
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_UpArrow))) m_form->moveHighlight(-1);
    }
    if (m_query != m_form->query()) {
        state.run([&] { m_form->setQuery(m_query); });
    }
    if (enter) {
        if (state.run([&] { m_form->confirmPicker(); })) m_query = m_form->query();
        m_focusPicker = true;
    }

    const auto matches = m_form->matches();  // a copy: picking changes the list
    for (std::size_t i = 0; i < matches.size(); ++i) {
        const auto& l = matches[i];
        std::string text = l.displayName();
        if (!l.commune.empty()) text += "  \xC2\xB7  " + l.commune;
        if (ImGui::Selectable(withId(text, "session.match_" + std::to_string(i)).c_str(),
                              static_cast<int>(i) == m_form->highlighted())) {
            m_form->pick(l);
            m_query.clear();
        }
        tagItem("session.match_" + std::to_string(i));
    }
    if (m_form->canCreateFromQuery()) {
        std::string text = state.tr().format("session.create_learner", {{"name", m_form->query()}});
        if (button(text, "session.create_learner")) {
            if (state.run([&] { m_form->createFromQuery(); })) m_query.clear();
        }
        if (matches.empty()) {
            ImGui::SameLine();
            ImGui::TextColored(kMutedColour, "%s", state.tr("session.no_match").c_str());
        }
    }
}

void SessionScreen::drawCheques(app::AppState& state) {
    fieldLabel(state.tr("field.session.cheques"), inError(state, "session.cheques"));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    bool enter = ImGui::InputTextWithHint("##session.cheque_input", state.tr("session.cheque_hint").c_str(),
                                          &m_chequeText,
                                          ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsDecimal);
    tagItem("session.cheque_input");
    ImGui::SameLine();
    if (button(state.tr("session.cheque_add"), "session.cheque_add") || enter) {
        m_chequeNotNumber = !m_form->addCheque(m_chequeText);
        if (!m_chequeNotNumber) m_chequeText.clear();
    }
    if (m_chequeNotNumber) ImGui::TextColored(kErrorColour, "%s", state.tr("session.cheque_not_number").c_str());

    std::int64_t toRemove = 0;
    for (const auto& line : m_form->cheques()) {
        ImGui::PushID(static_cast<int>(line.number));
        if (ImGui::SmallButton("\xC3\x97")) toRemove = line.number;
        ImGui::PopID();
        ImGui::SameLine();
        std::string head = state.tr().format("session.cheque_number", {{"number", std::to_string(line.number)}});
        if (line.refusal) {
            ImGui::PushStyleColor(ImGuiCol_Text, kErrorColour);
            ImGui::TextWrapped("%s : %s", head.c_str(), state.tr().message(*line.refusal).c_str());
            ImGui::PopStyleColor();
        } else {
            ImGui::TextColored(kSuccessColour, "%s : %s", head.c_str(), state.tr("session.cheque_ok").c_str());
        }
    }
    if (toRemove != 0) m_form->removeCheque(toRemove);
}

// --- What ---------------------------------------------------------------------------------------
void SessionScreen::drawWhat(app::AppState& state) {
    auto& d = m_form->draft();
    const auto& vocab = state.notebook().vocabularies();
    sectionTitle(state.tr("session.section_what"));

    fieldLabel(state.tr("field.session.themes"), inError(state, "session.themes"));
    // Two columns of checkboxes when the longest label fits twice (15 themes without scrolling), else one.
    float widest = 0;
    for (const auto& t : vocab.themes().terms()) widest = std::max(widest, choiceWidth(t.label(state.language())));
    int columns = widest * 2 + ImGui::GetStyle().ItemSpacing.x * 2 <= ImGui::GetContentRegionAvail().x ? 2 : 1;
    if (ImGui::BeginTable("##session.themes", columns, ImGuiTableFlags_SizingStretchSame)) {
        for (const auto& t : vocab.themes().terms()) {
            ImGui::TableNextColumn();
            bool on = SessionForm::contains(d.themes, t.code);
            if (checkbox(t.label(state.language()), "session.theme_" + t.code, &on)) SessionForm::toggle(d.themes, t.code);
        }
        ImGui::EndTable();
    }

    fieldLabel(state.tr("field.session.equipment"), inError(state, "session.equipment"));
    Flow equipmentFlow;
    for (const auto& t : vocab.equipment().terms()) {
        equipmentFlow.next(choiceWidth(t.label(state.language())));
        bool on = SessionForm::contains(d.equipment, t.code);
        if (checkbox(t.label(state.language()), "session.equipment_" + t.code, &on)) SessionForm::toggle(d.equipment, t.code);
    }

    fieldLabel(state.tr("field.session.autonomy"), inError(state, "session.autonomy"));
    Flow autonomyFlow;
    for (const auto& t : vocab.autonomy().terms()) {
        autonomyFlow.next(choiceWidth(t.label(state.language())));
        if (ImGui::RadioButton(withId(t.label(state.language()), "session.autonomy_" + t.code).c_str(), d.autonomy == t.code))
            d.autonomy = (d.autonomy == t.code) ? "" : t.code;
        tagItem("session.autonomy_" + t.code);
    }

    fieldLabel(state.tr("field.session.competences"), inError(state, "session.competences"));
    for (const auto& domain : state.notebook().framework().domains()) {
        std::string header = withId(domain.code + ". " + domain.label, "session.domain_" + domain.code);
        if (ImGui::TreeNodeEx(header.c_str(), ImGuiTreeNodeFlags_SpanAvailWidth)) {
            for (const auto& c : domain.competences) {
                bool on = SessionForm::contains(d.competences, c.code);
                if (checkbox(c.code + " " + c.label, "session.competence_" + c.code, &on))
                    SessionForm::toggle(d.competences, c.code);
            }
            ImGui::TreePop();
        }
        tagItem("session.domain_" + domain.code);
    }
}

void SessionScreen::drawAssessments(app::AppState& state) {
    const auto& framework = state.notebook().framework();
    fieldLabel(state.tr("session.assessments"), inError(state, "assessment.score") || inError(state, "assessment.learner") ||
                                                    inError(state, "assessment.competence"));
    auto& lines = m_form->assessments();
    int toRemove = -1;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        auto& line = lines[i];
        ImGui::PushID(static_cast<int>(i));
        ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.45f);
        std::string who = state.tr("session.assessment_learner");
        for (const auto& l : m_form->learners())
            if (l.id == line.learnerId) who = l.displayName();
        if (ImGui::BeginCombo("##learner", who.c_str())) {
            for (const auto& l : m_form->learners())
                if (ImGui::Selectable(l.displayName().c_str(), l.id == line.learnerId)) line.learnerId = l.id;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        ImGui::SetNextItemWidth(-ImGui::GetFrameHeightWithSpacing());
        const core::Competence* current = framework.find(line.competenceCode);
        std::string preview = current ? current->code + " " + current->label : line.competenceCode;
        if (ImGui::BeginCombo("##competence", preview.c_str())) {
            for (const auto& domain : framework.domains())
                for (const auto& c : domain.competences)
                    if (ImGui::Selectable((c.code + " " + c.label).c_str(), c.code == line.competenceCode))
                        line.competenceCode = c.code;
            ImGui::EndCombo();
        }
        ImGui::SameLine();
        if (ImGui::Button("\xC3\x97")) toRemove = static_cast<int>(i);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
        ImGui::SliderInt("##level", &line.level, 1, 8, state.tr("session.level_format").c_str());
        ImGui::SameLine();
        // Small steps inside a level: most learners stay at levels 1–2 for months.
        for (int step = 0; step < core::Assessment::kStepsPerLevel; ++step) {
            if (step > 0) ImGui::SameLine();
            std::string text = std::to_string(step + 1) + "/" + std::to_string(core::Assessment::kStepsPerLevel);
            if (toggleButton(text, "session.assessment_step_" + std::to_string(i) + "_" + std::to_string(step),
                             line.step == step))
                line.step = step;
        }
        ImGui::SameLine();
        ImGui::TextColored(kMutedColour, "%s", framework.bandOf(line.level).c_str());
        ImGui::PopID();
    }
    if (toRemove >= 0) lines.erase(lines.begin() + toRemove);
    if (button(state.tr("session.assessment_add"), "session.assessment_add")) m_form->addAssessment();
}

// --- Follow-up ----------------------------------------------------------------------------------
void SessionScreen::drawFollowUp(app::AppState& state) {
    auto& d = m_form->draft();
    sectionTitle(state.tr("session.section_follow_up"));
    fieldLabel(state.tr("field.session.orientation"), inError(state, "session.orientation"));
    // Why not a combo: the directory holds thousands of places; the Annuaire searches them and sends one back.
    const std::string& oriented = m_form->orientationName();
    const std::string pick = state.tr("directory_ui.orient_pick"), clear = "\xC3\x97";
    ImGui::AlignTextToFramePadding();
    ImGui::PushTextWrapPos(0.0f);
    if (oriented.empty()) ImGui::TextColored(kMutedColour, "%s", state.tr("session.orientation_none").c_str());
    else ImGui::TextUnformatted(oriented.c_str());
    ImGui::PopTextWrapPos();
    tagItem("session.orientation");
    // The buttons follow the name when they fit, else go to the next line rather than past the column's edge.
    float need = buttonWidth(pick) + (oriented.empty() ? 0.0f : buttonWidth(clear) + ImGui::GetStyle().ItemSpacing.x);
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < need) ImGui::NewLine();
    if (button(pick, "session.orientation_pick")) state.screen = "directory";
    if (!oriented.empty()) {
        ImGui::SameLine();
        if (button(clear, "session.orientation_clear")) m_form->setOrientation({});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state.tr("directory_ui.orient_clear").c_str());
    }
    fieldLabel(state.tr("field.session.notes"), inError(state, "session.notes"));
    ImGui::InputTextMultiline("##session.notes", &d.notes, ImVec2(-1, ImGui::GetTextLineHeight() * 4));
    tagItem("session.notes");
}

ScreenEntry sessionScreenEntry() {
    return screenEntry<SessionScreen>("session", "shell.tab_session", "shell.tab_session", 10);
}

}  // namespace mediane::ui
