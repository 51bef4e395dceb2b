// Sections: when and where (date, duration, kind, workshop title, place or commune) · who (picker, the anonymous
// beneficiary or the workshop's anonymous participants and their breakdown, cheques) · what (themes and the
// administrative sub-themes, equipment, autonomy or workshop level, competences, assessments) · follow-up
// (orientation, notes) · save bar. The rules live in app::SessionForm; this file only draws it.
#include "ui/session_screen.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>

#include "core/model.hpp"
#include "core/vocabulary.hpp"
#include "ui/date_field.hpp"
#include "ui/form_fields.hpp"
#include "ui/screen_registry.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {

using app::AnonymousFacet;
using app::SessionForm;

// A vocabulary as a combo with a « none » first entry; entries are tagged <id>_<code>. Returns true when changed.
bool codeCombo(app::AppState& state, const std::string& id, const core::Vocabulary& vocab, std::string& code,
               const std::string& noneLabel, const char* skipCode = nullptr) {
    std::string preview = code.empty() ? noneLabel : vocab.label(code, state.language());
    bool changed = false;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo(withId("", id).c_str(), preview.c_str())) {
        if (ImGui::Selectable(withId(noneLabel, id + "_none").c_str(), code.empty())) {
            code.clear();
            changed = true;
        }
        tagItem(id + "_none");
        for (const auto& t : vocab.terms()) {
            if (skipCode && t.code == skipCode) continue;
            if (ImGui::Selectable(withId(t.label(state.language()), id + "_" + t.code).c_str(), t.code == code)) {
                code = t.code;
                changed = true;
            }
            tagItem(id + "_" + t.code);
        }
        ImGui::EndCombo();
    }
    tagItem(id);
    return changed;
}

// Checkboxes in two columns when the longest label fits twice, else one.
void themeBoxes(app::AppState& state, SessionForm& form, const char* tableId, const std::vector<core::Term>& themes) {
    float widest = 0;
    for (const auto& t : themes) widest = std::max(widest, choiceWidth(t.label(state.language())));
    int columns = widest * 2 + ImGui::GetStyle().ItemSpacing.x * 2 <= ImGui::GetContentRegionAvail().x ? 2 : 1;
    std::string toggled;
    if (ImGui::BeginTable(tableId, columns, ImGuiTableFlags_SizingStretchSame)) {
        for (const auto& t : themes) {
            ImGui::TableNextColumn();
            bool on = SessionForm::contains(form.draft().themes, t.code);
            if (checkbox(t.label(state.language()), "session.theme_" + t.code, &on)) toggled = t.code;
        }
        ImGui::EndTable();
    }
    if (!toggled.empty()) {
        form.toggleTheme(toggled);
        noteEdited("session.themes");  // an error « Thèmes » goes once a theme is ticked
    }
}

const char* facetName(AnonymousFacet facet) {
    switch (facet) {
        case AnonymousFacet::Gender: return "gender";
        case AnonymousFacet::Age: return "age";
        case AnonymousFacet::Status: break;
    }
    return "status";
}

const char* facetCaption(AnonymousFacet facet) {
    switch (facet) {
        case AnonymousFacet::Gender: return "field.learner.gender";
        case AnonymousFacet::Age: return "field.learner.age_bracket";
        case AnonymousFacet::Status: break;
    }
    return "field.learner.social_status";
}

constexpr AnonymousFacet kFacets[] = {AnonymousFacet::Gender, AnonymousFacet::Age, AnonymousFacet::Status};

}  // namespace

void SessionScreen::draw(app::AppState& state) {
    if (!m_form) m_form = std::make_unique<SessionForm>(state.notebook());
    if (!state.orientationToApply.empty()) {  // "Orienter le bénéficiaire ici" in the Annuaire
        m_form->setOrientation(state.orientationToApply);
        state.orientationToApply.clear();
    }
    if (!state.sessionToEdit.empty()) {  // « Modifier » on a session listed elsewhere
        std::string id = std::move(state.sessionToEdit);
        state.sessionToEdit.clear();
        state.run([&] {
            auto recorded = state.notebook().session(id);
            if (!recorded) throw Error(Error::Kind::NotFound, "corrections.err.session_unknown", {{"id", id}});
            m_form->edit(*recorded);
        });
    }
    if (m_form->editing()) drawEditingBanner(state);

    // The form scrolls inside its pane; the save bar stays in sight below it.
    float footer = ImGui::GetFrameHeightWithSpacing() + ImGui::GetStyle().ItemSpacing.y * 2;
    // Taking the keyboard scrolls the learner search to the middle of the pane, the frame after the screen
    // appears: on a 600-pixel screen that hid the date and the duration, though the search is in sight with
    // the pane at its top. The pane's scroll is kept at the top instead, in the frames the focus settles.
    if (m_keepTopFrames > 0 && m_searchFitsAtTop) ImGui::SetNextWindowScroll(ImVec2(-1.0f, 0.0f));
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
    if (!m_form->editing()) m_recent.draw(state);
    ImGui::EndChild();
    if (m_keepTopFrames > 0) --m_keepTopFrames;

    ImGui::Separator();
    if (m_form->editing()) {
        if (button(state.tr("corrections.save_edit"), "corrections.save_edit") || ctrlPressed(kKeyS)) save(state);
        ImGui::SameLine();
        if (button(state.tr("corrections.cancel_edit"), "corrections.cancel_edit")) {
            m_form->cancelEdit();
            m_query.clear();
        }
        return;
    }
    if (button(state.tr("session.save"), "session.save") || ctrlPressed(kKeyS)) save(state);
    ImGui::SameLine();
    ImGui::TextColored(kMutedColour, "%s", state.tr("session.save_hint").c_str());
}

void SessionScreen::drawEditingBanner(app::AppState& state) {
    ImGui::TextUnformatted(state.tr().format("corrections.editing", {{"date", m_form->recorded().date}}).c_str());
    tagItem("corrections.editing");
    ImGui::SameLine();
    ImGui::TextColored(kMutedColour, "%s", state.tr("corrections.editing_hint").c_str());
    ImGui::Separator();
}

void SessionScreen::save(app::AppState& state) {
    bool correcting = m_form->editing();
    if (state.run([&] { m_form->save(); }, correcting ? "corrections.msg_updated" : "msg.session_saved")) {
        m_query.clear();
        m_chequeText.clear();
        m_chequeNotNumber = false;
    }
}

// --- When and where ---------------------------------------------------------------------------
void SessionScreen::drawWhen(app::AppState& state) {
    auto& d = m_form->draft();
    const auto& vocab = state.notebook().vocabularies();
    sectionTitle(state.tr("session.section_when"));

    fieldLabel(state.tr("field.session.date"), inError(state, "session.date"));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    if (dateInput("", "session.date", d.date, state.language())) m_form->recheckCheques();
    ImGui::SameLine();
    ImGui::TextColored(kMutedColour, "%s", state.tr("session.date_format").c_str());

    // The national form's presets, then « Personnaliser » with hours and minutes.
    fieldLabel(state.tr("field.session.duration"), inError(state, "session.duration"));
    const std::string chosen = m_form->durationChoice();
    Flow durationFlow;
    for (const auto& t : vocab.durationPresets().terms()) {
        const std::string& text = t.label(state.language());
        durationFlow.next(buttonWidth(text));
        if (toggleButton(text, "session.duration_" + t.code, chosen == t.code)) m_form->chooseDuration(t.code);
    }
    if (m_form->customDuration()) {
        int hours = m_form->durationHours(), minutes = m_form->durationMinutesPart();
        // No ± buttons: two digits are quicker typed than clicked.
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 2.5f);
        bool changed = inputInt("", "session.duration_hours", &hours, 0);
        ImGui::SameLine();
        ImGui::TextUnformatted(state.tr("session.duration_hours").c_str());
        ImGui::SameLine();
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 2.5f);
        changed = inputInt("", "session.duration_minutes", &minutes, 0) || changed;
        ImGui::SameLine();
        ImGui::TextUnformatted(state.tr("session.duration_minutes").c_str());
        if (changed) m_form->setCustomDuration(hours, minutes);
    }

    fieldLabel(state.tr("session.kind"), false);
    const auto& kinds = vocab.sessionKinds().terms();
    Flow kindFlow;
    for (const auto& k : kinds) {
        auto kind = core::sessionKindFrom(k.code);
        if (!kind) continue;
        kindFlow.next(choiceWidth(k.label(state.language())));
        if (ImGui::RadioButton(withId(k.label(state.language()), "session.kind_" + k.code).c_str(), d.kind == *kind))
            d.kind = *kind;
        tagItem("session.kind_" + k.code);
    }
    if (!m_form->individual())
        textField(state, "field.session.workshop_title", "session.workshop_title", "session.workshop_title",
                  &d.workshopTitle);

    fieldLabel(state.tr("field.session.place"), inError(state, "session.place"));
    Flow modeFlow;
    for (const auto& m : vocab.placeModes().terms()) {
        auto mode = core::placeModeFrom(m.code);
        if (!mode) continue;
        modeFlow.next(choiceWidth(m.label(state.language())));
        if (ImGui::RadioButton(withId(m.label(state.language()), "session.mode_" + m.code).c_str(),
                               d.placeMode == *mode))
            m_form->setPlaceMode(*mode);
        tagItem("session.mode_" + m.code);
    }
    if (!m_form->communeAsked()) {
        drawPlacePicker(state);
        return;
    }
    std::string caption = state.tr("field.session.commune");
    if (!m_form->communeRequired()) caption += " " + state.tr("session.optional");
    fieldLabel(caption, inError(state, "session.commune"));
    auto event = m_commune.draw(state, "session.commune", app::communeLabel(d.communeName, d.communePostalCode));
    if (event.picked) m_form->setCommune(*event.picked);
    if (event.cleared) m_form->clearCommune();
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

    if (m_form->anonymousIndividual()) drawAnonymousBeneficiary(state);
    if (!m_form->individual()) {
        fieldLabel(state.tr("field.session.anonymous_count"), inError(state, "session.anonymous_count"));
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        inputInt("", "session.anonymous_count", &d.anonymousCount);
        if (d.anonymousCount < 0) d.anonymousCount = 0;
        if (d.anonymousCount > 0) drawBreakdown(state);
    }
    drawCheques(state);
}

// An individual session with nobody picked: the national form's anonymous beneficiary, described in three choices.
void SessionScreen::drawAnonymousBeneficiary(app::AppState& state) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(kMutedColour, "%s", state.tr("session.anonymous_individual").c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::BeginTable("##session.anonymous_one", 3, ImGuiTableFlags_SizingStretchSame)) {
        for (AnonymousFacet facet : kFacets) {
            ImGui::TableNextColumn();
            const std::string id = std::string("session.anonymous_") + facetName(facet);
            const std::string field = std::string("session.anonymous_by_") + facetName(facet);
            ImGui::AlignTextToFramePadding();  // captions side by side stay level (see form_fields' textField)
            fieldLabel(state.tr(facetCaption(facet)), inError(state, field.c_str()));
            const core::Vocabulary& vocab = m_form->facetVocabulary(facet);
            std::string code = m_form->anonymousChoice(facet);
            // The vocabulary's own « Non communiqué » is the combo's empty choice.
            const std::string notGiven = vocab.label(core::kAgeNotGiven, state.language());
            if (codeCombo(state, id, vocab, code, notGiven, core::kAgeNotGiven)) m_form->setAnonymousChoice(facet, code);
        }
        ImGui::EndTable();
    }
    bool already = m_form->alreadyAccompanied();
    if (checkbox(state.tr("session.already_accompanied_one"), "session.already_accompanied", &already))
        m_form->setAlreadyAccompanied(already);
}

// A workshop's anonymous participants by gender, age bracket and status; whoever is not counted is « non communiqué ».
void SessionScreen::drawBreakdown(app::AppState& state) {
    auto& d = m_form->draft();
    ImGui::TextColored(kMutedColour, "%s", state.tr("session.breakdown").c_str());
    if (ImGui::BeginTable("##session.breakdown", 3, ImGuiTableFlags_SizingStretchSame)) {
        for (AnonymousFacet facet : kFacets) {
            ImGui::TableNextColumn();
            const std::string name = facetName(facet);
            ImGui::AlignTextToFramePadding();
            fieldLabel(state.tr(facetCaption(facet)), inError(state, ("session.anonymous_by_" + name).c_str()));
            const core::Vocabulary& vocab = m_form->facetVocabulary(facet);
            for (const auto& t : vocab.terms()) {
                if (t.code == core::kAgeNotGiven) continue;
                int count = m_form->facetCount(facet, t.code);
                ImGui::SetNextItemWidth(ImGui::GetFontSize() * 2.5f);
                if (inputInt("", "session.breakdown_" + name + "_" + t.code, &count, 0))
                    m_form->setFacetCount(facet, t.code, count);
                ImGui::SameLine();
                ImGui::TextUnformatted(t.label(state.language()).c_str());
            }
            ImGui::PushTextWrapPos(0.0f);
            ImGui::TextColored(kMutedColour, "%s",
                               state.tr()
                                   .format("session.breakdown_rest",
                                           {{"label", vocab.label(core::kAgeNotGiven, state.language())},
                                            {"count", std::to_string(m_form->facetNotGiven(facet))}})
                                   .c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::EndTable();
    }
    fieldLabel(state.tr("field.session.anonymous_already_accompanied"),
               inError(state, "session.anonymous_already_accompanied"));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    inputInt("", "session.anonymous_already_accompanied", &d.anonymousAlreadyAccompanied);
    d.anonymousAlreadyAccompanied = std::clamp(d.anonymousAlreadyAccompanied, 0, d.anonymousCount);
}

void SessionScreen::drawPicker(app::AppState& state) {
    // The learner search takes the keyboard when the screen opens, and again after each pick.
    const bool appeared = appearedThisFrame("session.learner_query");
    if (m_focusPicker || appeared) {
        ImGui::SetKeyboardFocusHere();
        m_focusPicker = false;
    }
    if (appeared) m_keepTopFrames = 3;
    ImGui::SetNextItemWidth(-1);
    bool enter = ImGui::InputTextWithHint("##session.learner_query", state.tr("session.picker_hint").c_str(), &m_query,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    tagItem("session.learner_query");
    if (m_keepTopFrames > 0) {
        // Whether the search is in sight with the pane at its top (draw keeps it there then).
        const float bottom = ImGui::GetItemRectMax().y - ImGui::GetWindowPos().y + ImGui::GetScrollY();
        m_searchFitsAtTop = bottom <= ImGui::GetWindowHeight();
    }
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
    if (m_form->editing()) {  // redemptions are cheque events of their own: shown, not corrected here
        std::string numbers;
        for (auto n : m_form->recorded().chequesRedeemed) numbers += (numbers.empty() ? "" : ", ") + std::to_string(n);
        if (!numbers.empty())
            ImGui::TextColored(kMutedColour, "%s", state.tr().format("corrections.cheques_locked", {{"numbers", numbers}}).c_str());
        return;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
    if (m_chequeKeepsKeyboard) {
        ImGui::SetKeyboardFocusHere();
        m_chequeKeepsKeyboard = false;
    }
    bool enter = ImGui::InputTextWithHint("##session.cheque_input", state.tr("session.cheque_hint").c_str(),
                                          &m_chequeText,
                                          ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsDecimal);
    tagItem("session.cheque_input");
    ImGui::SameLine();
    if (button(state.tr("session.cheque_add"), "session.cheque_add") || enter) {
        m_chequeNotNumber = !m_form->addCheque(m_chequeText);
        if (!m_chequeNotNumber) m_chequeText.clear();
        // A scanner sends the number then Enter: the field is ready for the next cheque at once.
        m_chequeKeepsKeyboard = enter;
    }
    if (m_chequeNotNumber) ImGui::TextColored(kErrorColour, "%s", state.tr("session.cheque_not_number").c_str());

    std::int64_t toRemove = 0;
    std::pair<std::int64_t, int> yearFor{0, 0};
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
        // Another structure's cheque: the year printed on it says until when it is good.
        if (line.needsYear()) {
            const std::string id = "session.cheque_year." + std::to_string(line.number);
            auto& typed = m_chequeYears[line.number];
            ImGui::Indent();
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
            bool yearEnter = ImGui::InputTextWithHint(("##" + id).c_str(), state.tr("session.cheque_year_hint").c_str(),
                                                      &typed, ImGuiInputTextFlags_CharsDecimal |
                                                                  ImGuiInputTextFlags_EnterReturnsTrue);
            tagItem(id);
            ImGui::SameLine();
            if ((button(state.tr("session.cheque_year_set"), id + ".set") || yearEnter) && !typed.empty() &&
                typed.size() <= 4)
                yearFor = {line.number, std::stoi(typed)};
            ImGui::Unindent();
        }
    }
    if (toRemove != 0) m_form->removeCheque(toRemove);
    if (yearFor.first != 0) m_form->setChequeYear(yearFor.first, yearFor.second);
    // The service of the place's catalogue these cheques pay for (« Atelier 2 h = 1 chèque »).
    const auto& services = m_form->services();
    if (!m_form->cheques().empty() && !services.empty()) {
        fieldLabel(state.tr("session.cheque_service"), inError(state, "cheque.service"));
        std::string current = m_form->chequeService();
        for (const auto& service : services)
            if (service.code == current) current = state.tr().format("pass.roles.service", {{"label", service.label},
                                                                                           {"cheques", std::to_string(service.cheques)}});
        ImGui::SetNextItemWidth(-1);
        if (ImGui::BeginCombo("##session.cheque_service", current.c_str())) {
            for (const auto& service : services) {
                auto text = state.tr().format("pass.roles.service", {{"label", service.label},
                                                                      {"cheques", std::to_string(service.cheques)}});
                if (ImGui::Selectable(withId(text, "session.cheque_service." + service.code).c_str(),
                                      service.code == m_form->chequeService()))
                    m_form->setChequeService(service.code);
                tagItem("session.cheque_service." + service.code);
            }
            ImGui::EndCombo();
        }
        tagItem("session.cheque_service");
    }
}

// --- What ---------------------------------------------------------------------------------------
void SessionScreen::drawWhat(app::AppState& state) {
    auto& d = m_form->draft();
    const auto& vocab = state.notebook().vocabularies();
    sectionTitle(state.tr("session.section_what"));

    fieldLabel(state.tr("field.session.themes"), inError(state, "session.themes"));
    themeBoxes(state, *m_form, "##session.themes", m_form->digitalThemes());
    // The administrative sub-themes and the procedure's name belong to « Aide aux démarches administratives ».
    if (m_form->administrativeShown()) {
        ImGui::Indent();
        ImGui::TextColored(kMutedColour, "%s", state.tr("session.themes_administrative").c_str());
        themeBoxes(state, *m_form, "##session.themes_administrative", m_form->administrativeThemes());
        textField(state, "field.session.procedure_name", "session.procedure_name", "session.procedure_name",
                  &d.procedureName);
        ImGui::Unindent();
    }

    fieldLabel(state.tr("field.session.equipment"), inError(state, "session.equipment"));
    Flow equipmentFlow;
    for (const auto& t : vocab.equipment().terms()) {
        equipmentFlow.next(choiceWidth(t.label(state.language())));
        bool on = SessionForm::contains(d.equipment, t.code);
        if (checkbox(t.label(state.language()), "session.equipment_" + t.code, &on)) SessionForm::toggle(d.equipment, t.code);
    }

    // Autonomy is asked of one beneficiary; a workshop has a level instead (one column of the national export).
    const bool individual = m_form->individual();
    const core::Vocabulary& levels = individual ? vocab.autonomy() : vocab.workshopLevels();
    std::string& level = individual ? d.autonomy : d.workshopLevel;
    const char* field = individual ? "session.autonomy" : "session.workshop_level";
    fieldLabel(state.tr(std::string("field.") + field), inError(state, field));
    Flow levelFlow;
    for (const auto& t : levels.terms()) {
        const std::string tag = std::string(field) + "_" + t.code;
        levelFlow.next(choiceWidth(t.label(state.language())));
        // A second click on the chosen one unsets it: both are optional.
        if (ImGui::RadioButton(withId(t.label(state.language()), tag).c_str(), level == t.code))
            level = (level == t.code) ? "" : t.code;
        tagItem(tag);
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
    if (m_form->editing()) return;  // assessments are the learners' own records, corrected on their card
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
    if (m_form->individual()) drawOrientation(state);
    fieldLabel(state.tr("field.session.notes"), inError(state, "session.notes"));
    ImGui::InputTextMultiline("##session.notes", &d.notes, ImVec2(-1, ImGui::GetTextLineHeight() * 4));
    tagItem("session.notes");
}

// « Le bénéficiaire est-il orienté vers une autre structure ? » Oui: the kind of structure and, if known, the place.
void SessionScreen::drawOrientation(app::AppState& state) {
    auto& d = m_form->draft();
    fieldLabel(state.tr("session.oriented_question"), inError(state, "session.redirection"));
    const std::string yes = state.tr("session.yes"), no = state.tr("session.no");
    if (ImGui::RadioButton(withId(yes, "session.oriented_yes").c_str(), m_form->oriented())) m_form->setOriented(true);
    tagItem("session.oriented_yes");
    ImGui::SameLine();
    if (ImGui::RadioButton(withId(no, "session.oriented_no").c_str(), !m_form->oriented())) m_form->setOriented(false);
    tagItem("session.oriented_no");
    if (!m_form->oriented()) return;

    ImGui::Indent();
    fieldLabel(state.tr("field.session.redirection"), inError(state, "session.redirection"));
    codeCombo(state, "session.redirection", state.notebook().vocabularies().redirections(), d.redirection,
              state.tr("session.redirection_pick"));

    fieldLabel(state.tr("session.orientation_place"), inError(state, "session.orientation"));
    // Why not a combo: the directory holds thousands of places; the Annuaire searches them and sends one back.
    const std::string& place = m_form->orientationName();
    const std::string pick = state.tr("directory_ui.orient_pick"), clear = "\xC3\x97";
    ImGui::AlignTextToFramePadding();
    ImGui::PushTextWrapPos(0.0f);
    if (place.empty()) ImGui::TextColored(kMutedColour, "%s", state.tr("session.orientation_none").c_str());
    else ImGui::TextUnformatted(place.c_str());
    ImGui::PopTextWrapPos();
    tagItem("session.orientation");
    // The buttons follow the name when they fit, else go to the next line rather than past the column's edge.
    float need = buttonWidth(pick) + (place.empty() ? 0.0f : buttonWidth(clear) + ImGui::GetStyle().ItemSpacing.x);
    ImGui::SameLine();
    if (ImGui::GetContentRegionAvail().x < need) ImGui::NewLine();
    if (button(pick, "session.orientation_pick")) state.screen = "directory";
    if (!place.empty()) {
        ImGui::SameLine();
        if (button(clear, "session.orientation_clear")) m_form->setOrientation({});
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state.tr("directory_ui.orient_clear").c_str());
    }
    ImGui::Unindent();
}

ScreenEntry sessionScreenEntry() {
    return screenEntry<SessionScreen>("session", "shell.tab_session", "shell.tab_session", 10);
}

}  // namespace mediane::ui
