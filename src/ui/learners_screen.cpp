// Sections: search and results (left) · new learner form or learner card (right): identity and consent,
// profile, progress chart and new assessment, session history, cheques.
#include "ui/learners_screen.hpp"

#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/legacy_labels.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/local_format.hpp"
#include "ui/progress_chart.hpp"
#include "ui/date_field.hpp"
#include "ui/form_fields.hpp"
#include "core/vocabulary.hpp"
#include "ui/screen_registry.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {

// A vocabulary as a combo; the first entry is "not given" (every profile field is optional), which is what the
// vocabulary's own « Non communiqué » means for one person, so that entry is not offered twice.
void vocabularyCombo(app::AppState& state, const char* captionKey, const std::string& id, const char* field,
                     const std::string& vocabulary, std::string* code) {
    ImGui::AlignTextToFramePadding();
    fieldLabel(state.tr(captionKey), inError(state, field));
    const auto& vocab = state.notebook().vocabularies().get(vocabulary);
    std::string preview = code->empty() ? state.tr("learners.not_given") : state.label(vocabulary, *code);
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo(withId("", id).c_str(), preview.c_str())) {
        if (ImGui::Selectable(state.tr("learners.not_given").c_str(), code->empty())) code->clear();
        for (const auto& term : vocab.terms()) {
            if (term.code == core::kAgeNotGiven && *code != term.code) continue;
            if (ImGui::Selectable(withId(term.label(state.language()), term.code).c_str(), term.code == *code))
                *code = term.code;
            tagItem(id + "_" + term.code);
        }
        ImGui::EndCombo();
    }
    tagItem(id);
}

std::string syncLabel(const app::AppState& state, core::SyncState s) {
    return state.tr(std::string("learners.sync.") + core::toString(s));
}

// Identity and contact fields, shared by the new learner form and the card.
void identityFields(app::AppState& state, const std::string& prefix, core::Learner& l) {
    fieldLabel(state.tr("field.learner.consent"), inError(state, "learner.consent"));
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.5f);
    inputText("", prefix + ".consent", &l.consentDate, ImGuiInputTextFlags_CharsNoBlank);
    ImGui::SameLine();
    if (button(state.tr("learners.consent_today"), prefix + ".consent_today")) l.consentDate = core::today();
    if (l.consentDate.empty()) ImGui::TextColored(kMutedColour, "%s", state.tr("learners.consent_hint").c_str());
    if (ImGui::BeginTable((prefix + ".identity").c_str(), 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        textField(state, "field.learner.first_name", (prefix + ".first_name").c_str(), "learner.first_name", &l.firstName);
        ImGui::TableNextColumn();
        textField(state, "field.learner.last_name", (prefix + ".last_name").c_str(), "learner.last_name", &l.lastName);
        ImGui::TableNextColumn();
        textField(state, "field.learner.phone", (prefix + ".phone").c_str(), "learner.phone", &l.phone);
        ImGui::TableNextColumn();
        textField(state, "field.learner.email", (prefix + ".email").c_str(), "learner.email", &l.email);
        ImGui::EndTable();
    }
}

// Birth year and age bracket, gender, social status, commune and goals, shared by the new learner form and the card.
void profileFields(app::AppState& state, const std::string& prefix, core::Learner& l, ProfileInputs& inputs) {
    const auto& vocab = state.notebook().vocabularies();
    const int thisYear = std::stoi(core::today().substr(0, 4));
    if (ImGui::BeginTable((prefix + ".profile").c_str(), 2, ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        fieldLabel(state.tr("field.learner.birth_year"), inError(state, "learner.birth_year"));
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputTextWithHint(withId("", prefix + ".birth_year").c_str(),
                                     state.tr("learners.birth_year_hint").c_str(), &inputs.birthYear,
                                     ImGuiInputTextFlags_CharsDecimal))
            l.birthYear = app::birthYearFrom(inputs.birthYear);
        tagItem(prefix + ".birth_year");
        ImGui::TableNextColumn();
        // With a birth year the bracket follows from it, as in the national report: shown, not chosen.
        const std::string derived = app::derivedAgeBracket(l, vocab, thisYear);
        if (derived.empty()) {
            vocabularyCombo(state, "field.learner.age_bracket", prefix + ".age_bracket", "learner.age_bracket",
                            "age_brackets", &l.ageBracket);
            // A first-release bracket that straddles the national ones: the birth year settles it.
            if (auto legacy = app::legacyLabels("learner", l.legacyCodes, "age_bracket"); !legacy.empty() && l.ageBracket.empty())
            {
                ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
                ImGui::TextWrapped("%s", state.tr().format("learners.legacy_age", {{"values", legacy}}).c_str());
                ImGui::PopStyleColor();
            }
        } else {
            ImGui::AlignTextToFramePadding();
            fieldLabel(state.tr("field.learner.age_bracket"), inError(state, "learner.age_bracket"));
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(vocab.ageBrackets().label(derived, state.language()).c_str());
            tagItem(prefix + ".age_bracket_derived");
            // Why it cannot be chosen: beside the bracket when it fits the column, else on hover.
            const std::string& why = state.tr("learners.age_derived");
            if (ImGui::GetContentRegionAvail().x - ImGui::GetItemRectSize().x - ImGui::GetStyle().ItemSpacing.x >=
                textWidth(why)) {
                ImGui::SameLine();
                ImGui::TextColored(kMutedColour, "%s", why.c_str());
            } else if (ImGui::IsItemHovered()) {
                ImGui::SetTooltip("%s", why.c_str());
            }
        }
        ImGui::TableNextColumn();
        vocabularyCombo(state, "field.learner.gender", prefix + ".gender", "learner.gender", "genders", &l.gender);
        ImGui::TableNextColumn();
        vocabularyCombo(state, "field.learner.social_status", prefix + ".social_status", "learner.social_status",
                        "social_status", &l.socialStatus);
        ImGui::EndTable();
    }
    ImGui::AlignTextToFramePadding();
    fieldLabel(state.tr("field.learner.commune"), inError(state, "learner.commune"));
    auto event = inputs.commune.draw(state, prefix + ".commune", app::communeLabel(l.commune, l.communePostalCode));
    if (event.picked) app::setCommune(l, *event.picked);
    if (event.cleared) app::setCommune(l, {});
    fieldLabel(state.tr("field.learner.goals"), inError(state, "learner.goals"));
    ImGui::InputTextMultiline(withId("", prefix + ".goals").c_str(), &l.goals,
                              ImVec2(-1, ImGui::GetTextLineHeight() * 3.5f));
    tagItem(prefix + ".goals");
}

}  // namespace

void LearnersScreen::refreshDirectory(app::AppState& state) {
    // Not through AppState::run: that re-reads the status, which must not happen every frame.
    try {
        m_directory->refresh();
    } catch (const Error& e) {
        state.showError(e);
    }
}

void LearnersScreen::draw(app::AppState& state) {
    if (!m_directory) m_directory = std::make_unique<app::LearnerDirectory>(state.notebook());
    if (m_assessDate.empty()) m_assessDate = core::today();
    if (!state.learnerToOpen.empty()) {
        m_directory->open(state.learnerToOpen);
        state.learnerToOpen.clear();
        m_creating = false;
    }
    m_directory->notice(state.status());
    refreshDirectory(state);

    float listWidth = std::max(420.0f, ImGui::GetContentRegionAvail().x * 0.45f);
    ImGui::BeginChild("##learners.list_pane", ImVec2(listWidth, 0), false);
    drawList(state);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##learners.detail_pane", ImVec2(0, 0), false);
    refreshDirectory(state);  // a row picked in this frame shows its card in this frame, not the next
    if (m_creating) drawNewLearner(state);
    else if (m_directory->hasCard()) drawCard(state);
    else {
        // Wrapped: on a 1024-pixel screen the card pane is narrower than the hint.
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
        ImGui::TextWrapped("%s", state.tr("learners.pick_hint").c_str());
        ImGui::PopStyleColor();
    }
    ImGui::EndChild();
}

void LearnersScreen::drawList(app::AppState& state) {
    float buttonWidth = ImGui::CalcTextSize(state.tr("learners.new").c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - buttonWidth - ImGui::GetStyle().ItemSpacing.x);
    // Shown again after another tab: the adviser came here to find someone, so the search takes the keyboard.
    if (appearedThisFrame("learners.search")) ImGui::SetKeyboardFocusHere();
    bool enter = ImGui::InputTextWithHint("##learners.search", state.tr("learners.search_hint").c_str(), &m_search,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    tagItem("learners.search");
    ImGui::SameLine();
    if (button(state.tr("learners.new"), "learners.new")) {
        m_creating = true;
        m_newDraft = {};
        m_newInputs.birthYear.clear();
        // What was typed in the search is usually the pseudonym the adviser wants.
        m_newDraft.pseudonym = m_search;
    }
    // Search as you type: the directory queries only when the text actually changed.
    m_directory->setQuery(m_search);
    refreshDirectory(state);

    const auto& results = m_directory->results();
    if (enter && !results.empty()) {  // Enter opens the first match, as in every search
        m_directory->open(results.front().id);
        m_creating = false;
    }
    bool capped = static_cast<int>(results.size()) >= m_directory->resultLimit();
    ImGui::TextColored(kMutedColour, "%s",
                       (capped ? state.tr().format("learners.result_count_capped",
                                                   {{"count", state.tr().count(static_cast<std::int64_t>(results.size()))}})
                               : state.tr().plural("learners.result_count", static_cast<std::int64_t>(results.size())))
                           .c_str());

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##learners.results", 4, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(state.tr("learners.col.name").c_str(), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(state.tr("learners.col.commune").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    // Age and sync state are short vocabularies: fixed columns as wide as their longest label, never cut.
    float ageWidth = ImGui::CalcTextSize(state.tr("learners.col.age").c_str()).x;
    for (const auto& term : state.notebook().vocabularies().ageBrackets().terms())
        ageWidth = std::max(ageWidth, ImGui::CalcTextSize(term.label(state.language()).c_str()).x);
    float syncWidth = ImGui::CalcTextSize(state.tr("learners.col.sync").c_str()).x;
    for (auto s : {core::SyncState::Pending, core::SyncState::Synced, core::SyncState::Conflict, core::SyncState::Error})
        syncWidth = std::max(syncWidth, ImGui::CalcTextSize(syncLabel(state, s).c_str()).x);
    ImGui::TableSetupColumn(state.tr("learners.col.age").c_str(), ImGuiTableColumnFlags_WidthFixed, ageWidth);
    ImGui::TableSetupColumn(state.tr("learners.col.sync").c_str(), ImGuiTableColumnFlags_WidthFixed, syncWidth);
    ImGui::TableHeadersRow();
    // Thousands of rows stay smooth: only the visible ones are laid out.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(results.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const auto& l = results[row];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(l.id.c_str());
            bool selected = !m_creating && l.id == m_directory->openId();
            if (ImGui::Selectable(l.displayName().c_str(), selected, ImGuiSelectableFlags_SpanAllColumns)) {
                m_directory->open(l.id);
                m_creating = false;
            }
            tagItem("learners.row." + std::to_string(row));
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(l.commune.c_str());
            ImGui::TableNextColumn();
            if (!l.ageBracket.empty()) ImGui::TextUnformatted(state.label("age_brackets", l.ageBracket).c_str());
            ImGui::TableNextColumn();
            ImGui::TextColored(l.syncState == core::SyncState::Synced ? kMutedColour
                               : l.syncState == core::SyncState::Pending ? ImGui::GetStyleColorVec4(ImGuiCol_Text)
                                                                          : kErrorColour,
                               "%s", syncLabel(state, l.syncState).c_str());
        }
    }
    ImGui::EndTable();
}

void LearnersScreen::drawNewLearner(app::AppState& state) {
    sectionTitle(state.tr("learners.new_title"));
    textField(state, "field.learner.pseudonym", "learners.new.pseudonym", "learner.pseudonym", &m_newDraft.pseudonym);
    ImGui::TextColored(kMutedColour, "%s", state.tr("learners.pseudonym_hint").c_str());
    sectionTitle(state.tr("learners.identity"));
    identityFields(state, "learners.new", m_newDraft);
    sectionTitle(state.tr("learners.profile"));
    profileFields(state, "learners.new", m_newDraft, m_newInputs);
    ImGui::Spacing();
    if (button(state.tr("learners.create"), "learners.new.create")) {
        if (state.run([&] { m_directory->create(m_newDraft); }, "learners.msg.created")) {
            m_creating = false;
            m_search.clear();
        }
    }
    ImGui::SameLine();
    if (button(state.tr("learners.cancel"), "learners.new.cancel")) m_creating = false;
}

void LearnersScreen::drawCard(app::AppState& state) {
    const auto& card = m_directory->card();
    if (m_editStale || m_edit.id != card.learner.id) {
        m_edit = card.learner;
        m_cardInputs.birthYear = app::birthYearText(m_edit);
        m_editStale = false;
    }

    ImGui::TextUnformatted(card.learner.displayName().c_str());
    ImGui::SameLine();
    if (card.learner.displayName() != card.learner.pseudonym)
        ImGui::TextColored(kMutedColour, "(%s) · %s", card.learner.pseudonym.c_str(),
                           syncLabel(state, card.learner.syncState).c_str());
    else
        ImGui::TextColored(kMutedColour, "· %s", syncLabel(state, card.learner.syncState).c_str());
    ImGui::SameLine(ImGui::GetContentRegionAvail().x + ImGui::GetCursorPosX() -
                    ImGui::CalcTextSize(state.tr("learners.close").c_str()).x - ImGui::GetStyle().FramePadding.x * 2);
    if (button(state.tr("learners.close"), "learners.card.close")) {
        m_directory->close();
        m_edit = {};
        return;
    }
    // Export, withdraw consent, erase: above the scrolling card, always in reach.
    if (m_privacy.draw(state, *m_directory, card.learner)) {
        m_edit = {};
        return;
    }
    ImGui::Separator();
    ImGui::BeginChild("##learners.card_scroll", ImVec2(0, 0), false);
    drawProgress(state);
    drawIdentity(state);
    drawProfile(state);
    drawHistory(state);
    drawCheques(state);
    ImGui::EndChild();
}

void LearnersScreen::drawIdentity(app::AppState& state) {
    if (!ImGui::CollapsingHeader(withId(state.tr("learners.identity"), "learners.card.identity_header").c_str()))
        return;
    textField(state, "field.learner.pseudonym", "learners.card.pseudonym", "learner.pseudonym", &m_edit.pseudonym);
    identityFields(state, "learners.card", m_edit);
    if (button(state.tr("learners.save"), "learners.card.save_identity"))
        if (state.run([&] { m_directory->save(m_edit); }, "learners.msg.saved")) m_editStale = true;
}

void LearnersScreen::drawProfile(app::AppState& state) {
    if (!ImGui::CollapsingHeader(withId(state.tr("learners.profile"), "learners.card.profile_header").c_str(),
                                 ImGuiTreeNodeFlags_DefaultOpen))
        return;
    profileFields(state, "learners.card", m_edit, m_cardInputs);
    if (button(state.tr("learners.save"), "learners.card.save"))
        if (state.run([&] { m_directory->save(m_edit); }, "learners.msg.saved")) m_editStale = true;
}

void LearnersScreen::drawProgress(app::AppState& state) {
    if (!ImGui::CollapsingHeader(withId(state.tr("learners.progress"), "learners.card.progress_header").c_str(),
                                 ImGuiTreeNodeFlags_DefaultOpen))
        return;
    const auto& card = m_directory->card();
    ProgressChartText text{state.tr("learners.chart.level_prefix"), state.tr("learners.chart.tooltip"),
                           state.tr("learners.chart.empty")};
    drawProgressChart("##learners.progress_chart", card.progress, text, ImVec2(-1, 200));

    // A new assessment: competence, level 1..8 and one of its four steps.
    const auto& framework = state.notebook().framework();
    ImGui::Spacing();
    ImGui::TextUnformatted(state.tr("learners.assess.title").c_str());
    const core::Competence* current = framework.find(m_assessCompetence);
    std::string preview = current ? current->code + " " + current->label : m_assessCompetence;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##learners.assess.competence", preview.c_str())) {
        for (const auto& domain : framework.domains()) {
            ImGui::TextDisabled("%s · %s", domain.code.c_str(), domain.label.c_str());
            for (const auto& c : domain.competences)
                if (ImGui::Selectable(withId(c.code + " " + c.label, c.code).c_str(), c.code == m_assessCompetence))
                    m_assessCompetence = c.code;
        }
        ImGui::EndCombo();
    }
    tagItem("learners.assess.competence");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
    std::string levelPreview = state.tr().format("learners.assess.level", {{"level", std::to_string(m_assessLevel)}});
    if (ImGui::BeginCombo("##learners.assess.level", levelPreview.c_str())) {
        for (int level = 1; level <= 8; ++level) {
            std::string entry = state.tr().format("learners.assess.level", {{"level", std::to_string(level)}}) +
                                " · " + framework.bandOf(level);
            if (ImGui::Selectable(withId(entry, "level" + std::to_string(level)).c_str(), level == m_assessLevel))
                m_assessLevel = level;
        }
        ImGui::EndCombo();
    }
    tagItem("learners.assess.level");
    ImGui::SameLine();
    ImGui::TextUnformatted(state.tr("learners.assess.step").c_str());
    for (int step = 0; step < core::Assessment::kStepsPerLevel; ++step) {
        ImGui::SameLine();
        std::string label = std::to_string(step + 1) + "/" + std::to_string(core::Assessment::kStepsPerLevel);
        if (ImGui::RadioButton(withId(label, "learners.assess.step" + std::to_string(step)).c_str(), m_assessStep == step))
            m_assessStep = step;
        tagItem("learners.assess.step" + std::to_string(step));
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.5f);
    dateInput("", "learners.assess.date", m_assessDate, state.language());
    ImGui::SameLine();
    if (button(state.tr("learners.assess.save"), "learners.assess.save"))
        state.run([&] { m_directory->recordAssessment(m_assessCompetence, m_assessLevel, m_assessStep, m_assessDate); },
                  "learners.msg.assessed");
}

void LearnersScreen::drawHistory(app::AppState& state) {
    const auto& card = m_directory->card();
    std::string title = state.tr().format("learners.history", {{"count", state.tr().count(static_cast<std::int64_t>(card.history.size()))}});
    if (!ImGui::CollapsingHeader(withId(title, "learners.card.history_header").c_str(), ImGuiTreeNodeFlags_DefaultOpen))
        return;
    if (card.history.empty()) {
        ImGui::TextColored(kMutedColour, "%s", state.tr("learners.history_empty").c_str());
        return;
    }
    float height = std::min(12.0f, static_cast<float>(card.history.size()) + 1.5f) * ImGui::GetFrameHeight();
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##learners.history_table", 6, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(state.tr("learners.col.date").c_str(), ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("0000-00-00").x);
    ImGui::TableSetupColumn(state.tr("learners.col.kind").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.2f);
    ImGui::TableSetupColumn(state.tr("learners.col.themes").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.6f);
    ImGui::TableSetupColumn(state.tr("learners.col.duration").c_str(), ImGuiTableColumnFlags_WidthFixed,
                            ImGui::CalcTextSize("000 min").x);
    ImGui::TableSetupColumn(state.tr("learners.col.place").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, m_sessionActions.width(state));
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(card.history.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const auto& s = card.history[row];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(core::displayDate(s.date, state.language()).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(state.label("session_kinds", core::toString(s.kind)).c_str());
            ImGui::TableNextColumn();
            std::string themes;
            for (const auto& t : s.themes) themes += (themes.empty() ? "" : ", ") + state.label("themes", t);
            // Values of the first release with no national equivalent stay visible, marked as such.
            if (auto legacy = app::legacyLabels("session", s.legacyCodes); !legacy.empty())
                themes += (themes.empty() ? "" : " · ") + state.tr().format("learners.legacy", {{"values", legacy}});
            ImGui::TextUnformatted(themes.c_str());
            if (ImGui::IsItemHovered() && !themes.empty()) ImGui::SetTooltip("%s", themes.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d min", s.durationMinutes);
            ImGui::TableNextColumn();
            std::string place;
            if (s.placeMode == core::PlaceMode::Place) {
                auto it = card.placeNames.find(s.placeId);
                place = it != card.placeNames.end() ? it->second : s.placeId;
            } else {
                place = state.label("place_modes", core::toString(s.placeMode));
            }
            ImGui::TextUnformatted(place.c_str());
            if (ImGui::IsItemHovered() && !place.empty()) ImGui::SetTooltip("%s", place.c_str());
            ImGui::TableNextColumn();
            m_sessionActions.drawButtons(state, s);
        }
    }
    ImGui::EndTable();
    m_sessionActions.drawPopups(state);  // a deletion adds an outbox row: the card reloads on the status change
}

void LearnersScreen::drawCheques(app::AppState& state) {
    const auto& card = m_directory->card();
    std::string title = state.tr().format("learners.cheques", {{"count", state.tr().count(static_cast<std::int64_t>(card.cheques.size()))}});
    if (!ImGui::CollapsingHeader(withId(title, "learners.card.cheques_header").c_str(), ImGuiTreeNodeFlags_DefaultOpen))
        return;
    if (card.cheques.empty()) {
        ImGui::TextColored(kMutedColour, "%s", state.tr("learners.cheques_empty").c_str());
        return;
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##learners.cheques_table", 5, flags)) return;
    ImGui::TableSetupColumn(state.tr("learners.col.number").c_str());
    ImGui::TableSetupColumn(state.tr("learners.col.state").c_str());
    ImGui::TableSetupColumn(state.tr("learners.col.given").c_str());
    ImGui::TableSetupColumn(state.tr("learners.col.redeemed").c_str());
    ImGui::TableSetupColumn(state.tr("learners.col.expiry").c_str());
    ImGui::TableHeadersRow();
    for (const auto& c : card.cheques) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%lld", static_cast<long long>(c.number));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(state.tr(std::string("learners.cheque_state.") + core::toString(c.state)).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(core::displayDate(c.givenOn, state.language()).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(core::displayDate(c.redeemedOn, state.language()).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(c.expiry.c_str());
    }
    ImGui::EndTable();
}

ScreenEntry learnersScreenEntry() {
    return screenEntry<LearnersScreen>("learners", "shell.tab_learners", "shell.tab_learners", 20);
}

}  // namespace mediane::ui
