// Sections: search box and filters · result list (left, clipped) · right pane: the map (place_map_view.cpp) with
// the open place's strip, or the place card: identity and orientation button, address and contact, opening
// hours, services and publics, access, labels, links.
#include "ui/directory_screen.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cstdio>

#include "core/error.hpp"
#include "core/place_record.hpp"
#include "ui/screen_registry.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {

const ImVec4 kOpenColour = kSuccessColour;
const ImVec4 kWarningColour{0.90f, 0.60f, 0.15f, 1.0f};

void sectionTitle(const std::string& text) {
    ImGui::Spacing();
    ImGui::TextColored(ImGui::GetStyleColorVec4(ImGuiCol_CheckMark), "%s", text.c_str());
    ImGui::Separator();
}

std::string timeText(const app::AppState& state, const core::LocalDateTime& t) {
    // The same parameters as the opening-hours descriptions, so "9 h 05" in French and "09:05" in English.
    char h[8], hh[8], m[8];
    std::snprintf(h, sizeof h, "%d", t.hour);
    std::snprintf(hh, sizeof hh, "%02d", t.hour);
    std::snprintf(m, sizeof m, "%02d", t.minute);
    return state.tr().format("directory.hours.time", {{"h", h}, {"hh", hh}, {"m", m}});
}

// "+33478000000" → "+33 4 78 00 00 00": read aloud over the phone, digits in pairs.
std::string readablePhone(const std::string& phone) {
    if (phone.size() != 12 || phone.rfind("+33", 0) != 0) return phone;
    std::string out = "+33 ";
    out += phone[3];
    for (std::size_t i = 4; i < phone.size(); i += 2) out.append(" ").append(phone, i, 2);
    return out;
}

// Why not `sep + text`: g++ 12 reports a false -Wrestrict on `const char* + std::string&&`.
void appendPart(std::string& out, const char* separator, const std::string& part) {
    if (part.empty()) return;
    if (!out.empty()) out += separator;
    out += part;
}

std::string typologyText(const app::AppState& state, const std::vector<std::string>& codes) {
    std::string out;
    for (const auto& code : codes) appendPart(out, ", ", state.label("place_kinds", code));
    return out;
}

// A filter combo over a vocabulary of the standard; the first entry means "any".
void vocabularyFilter(const char* id, const std::string& anyLabel, const std::vector<std::string>& values,
                      std::string* value, float width) {
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(withId("", id).c_str(), value->empty() ? anyLabel.c_str() : value->c_str())) {
        if (ImGui::Selectable(anyLabel.c_str(), value->empty())) value->clear();
        for (const auto& v : values)
            if (ImGui::Selectable(v.c_str(), v == *value)) *value = v;
        ImGui::EndCombo();
    }
    tagItem(id);
    if (!value->empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", value->c_str());
}

// One "caption : value" row of the card's table; the value wraps, never cut.
void cardRow(const std::string& caption, const std::string& value) {
    if (value.empty()) return;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(kMutedColour, "%s", caption.c_str());
    ImGui::TableNextColumn();
    ImGui::TextWrapped("%s", value.c_str());
}

// A web address: shown whole, copied on click (the notebook opens no browser: it may be offline).
void linkRow(const app::AppState& state, const std::string& caption, const std::string& url, const std::string& id) {
    if (url.empty()) return;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextColored(kMutedColour, "%s", caption.c_str());
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_CheckMark));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(url.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    tagItem(id);
    if (ImGui::IsItemHovered()) {
        ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
        ImGui::SetTooltip("%s", state.tr("directory_ui.copy_hint").c_str());
    }
    if (ImGui::IsItemClicked()) ImGui::SetClipboardText(url.c_str());
}

std::string listText(const std::vector<std::string>& values) { return core::joinList(values, ", "); }

}  // namespace

void DirectoryScreen::refreshView(app::AppState& state) {
    // Not through AppState::run: that re-reads the status, which must not happen every frame.
    try {
        m_view->refresh(state.tr());
    } catch (const Error& e) {
        state.showError(e);
    }
}

void DirectoryScreen::draw(app::AppState& state) {
    if (!m_view) {
        if (!state.run([&] { m_view = std::make_unique<app::DirectoryView>(state.notebook(), state.assetsDir(), m_clock); }))
            return;
    }
    // Shown again after another tab: the adviser came here to type, so the search box takes the keyboard.
    bool justOpened = ImGui::GetFrameCount() != m_lastDrawnFrame + 1;
    m_lastDrawnFrame = ImGui::GetFrameCount();

    m_view->notice(state.status());
    float listWidth = std::max(ImGui::GetFontSize() * 26, ImGui::GetContentRegionAvail().x * 0.45f);
    ImGui::BeginChild("##directory.list_pane", ImVec2(listWidth, 0), false);
    if (justOpened) ImGui::SetKeyboardFocusHere();
    drawSearch(state);
    drawFilters(state);
    m_view->setFilters(m_filters);
    refreshView(state);
    drawList(state);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##directory.card_pane", ImVec2(0, 0), false);
    refreshView(state);  // a row picked in this frame shows its card in this frame, not the next
    drawPaneSwitch(state);
    if (m_showMap) drawMapPane(state);
    else if (m_view->hasCard()) drawCard(state);
    else {
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
        ImGui::TextWrapped("%s", state.tr("directory_ui.pick_hint").c_str());  // wraps in a narrow card pane
        ImGui::PopStyleColor();
    }
    ImGui::EndChild();
}

void DirectoryScreen::drawSearch(app::AppState& state) {
    ImGui::SetNextItemWidth(-1);
    bool enter = ImGui::InputTextWithHint("##directory.search", state.tr("directory_ui.search_hint").c_str(),
                                          &m_filters.text, ImGuiInputTextFlags_EnterReturnsTrue);
    tagItem("directory.search");
    if (enter) {  // Enter opens the first place found, as in every search
        m_view->setFilters(m_filters);
        refreshView(state);
        if (!m_view->results().empty()) {
            m_view->open(m_view->results().front().id);
            m_showMap = false;
        }
    }
}

void DirectoryScreen::drawFilters(app::AppState& state) {
    const std::string openLabel = state.tr("directory_ui.filter_open_now");
    const std::string freeLabel = state.tr("directory_ui.filter_free");
    const std::string anyService = state.tr("directory_ui.filter_any_service");
    const std::string anyPublic = state.tr("directory_ui.filter_any_public");
    const float comboWidth = ImGui::GetFontSize() * 13;
    Flow flow;
    flow.next(choiceWidth(openLabel));
    checkbox(openLabel, "directory.filter_open_now", &m_filters.openNow);
    flow.next(choiceWidth(freeLabel));
    checkbox(freeLabel, "directory.filter_free", &m_filters.freeOnly);
    flow.next(comboWidth);
    vocabularyFilter("directory.filter_service", anyService, m_view->serviceChoices(), &m_filters.service, comboWidth);
    flow.next(comboWidth);
    vocabularyFilter("directory.filter_public", anyPublic, m_view->publicChoices(), &m_filters.publicType, comboWidth);
    if (!(m_filters == app::DirectoryFilters{})) {
        const std::string clear = state.tr("directory_ui.filter_clear");
        flow.next(buttonWidth(clear));
        if (button(clear, "directory.filter_clear")) m_filters = {};
    }
}

void DirectoryScreen::drawList(app::AppState& state) {
    const auto& results = m_view->results();
    const auto shown = static_cast<std::int64_t>(results.size());
    std::string count = m_view->capped()
                            ? state.tr().format("directory_ui.result_count_capped", {{"count", state.tr().count(shown)}})
                            : state.tr().plural("directory_ui.result_count", shown);
    std::string at = state.tr().format("directory_ui.evaluated_at", {{"time", timeText(state, m_view->queryTime())}});
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(kMutedColour, "%s · %s", count.c_str(), at.c_str());
    ImGui::PopTextWrapPos();
    tagItem("directory.result_count");

    const std::string openWord = state.tr("directory_ui.badge_open"), closedWord = state.tr("directory_ui.badge_closed"),
                      unknownWord = state.tr("directory_ui.badge_unknown");
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("##directory.results", 4, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(state.tr("directory_ui.col.name").c_str(), ImGuiTableColumnFlags_WidthStretch, 3.0f);
    ImGui::TableSetupColumn(state.tr("directory_ui.col.commune").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn(state.tr("directory_ui.col.typology").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
    // The badge is one of three short words: a fixed column as wide as the longest, never cut.
    float badgeWidth = ImGui::CalcTextSize(state.tr("directory_ui.col.open").c_str()).x;
    for (const auto* w : {&openWord, &closedWord, &unknownWord}) badgeWidth = std::max(badgeWidth, textWidth(*w));
    ImGui::TableSetupColumn(state.tr("directory_ui.col.open").c_str(), ImGuiTableColumnFlags_WidthFixed, badgeWidth);
    ImGui::TableHeadersRow();
    // 10,000 places stay smooth: only the visible rows are laid out.
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(results.size()));
    while (clipper.Step()) {
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const auto& p = results[row];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::PushID(p.id.c_str());
            if (ImGui::Selectable(p.name.c_str(), p.id == m_view->openId(), ImGuiSelectableFlags_SpanAllColumns)) {
                m_view->open(p.id);
                m_showMap = false;  // a place picked by name: the adviser wants its card
            }
            tagItem("directory.row." + std::to_string(row));
            // Narrow columns cut long names and kinds ("Centre communal d'action sociale"): the whole row on hover.
            if (ImGui::IsItemHovered())
                ImGui::SetTooltip("%s\n%s %s\n%s", p.name.c_str(), p.postalCode.c_str(), p.commune.c_str(),
                                  typologyText(state, p.typologie).c_str());
            ImGui::PopID();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(p.commune.c_str());
            ImGui::TableNextColumn();
            // The first kind only: the column stays narrow, the card lists them all.
            if (!p.typologie.empty()) ImGui::TextUnformatted(state.label("place_kinds", p.typologie.front()).c_str());
            ImGui::TableNextColumn();
            if (!p.openAtQueryTime) ImGui::TextColored(kMutedColour, "%s", unknownWord.c_str());
            else if (*p.openAtQueryTime) ImGui::TextColored(kOpenColour, "%s", openWord.c_str());
            else ImGui::TextColored(kMutedColour, "%s", closedWord.c_str());
        }
    }
    ImGui::EndTable();
    if (results.empty()) ImGui::TextColored(kMutedColour, "%s", state.tr("directory_ui.no_result").c_str());
}

void DirectoryScreen::drawCard(app::AppState& state) {
    const auto& card = m_view->card();
    const auto& place = card.place;
    const ImGuiStyle& style = ImGui::GetStyle();
    const std::string closeLabel = state.tr("directory_ui.close");

    // Name on the left, close at the right end; a long name wraps before the button instead of running under it.
    float closeWidth = buttonWidth(closeLabel);
    ImGui::PushTextWrapPos(ImGui::GetContentRegionAvail().x - closeWidth - style.ItemSpacing.x);
    ImGui::TextUnformatted(place.nom.c_str());
    ImGui::PopTextWrapPos();
    tagItem("directory.card.name");
    ImGui::SameLine(ImGui::GetContentRegionMax().x - closeWidth);
    if (button(closeLabel, "directory.card.close")) {
        m_view->close();
        return;
    }

    std::string badge = !card.openNow   ? state.tr("directory_ui.card_hours_unknown")
                        : *card.openNow ? state.tr("directory_ui.card_open_now")
                                        : state.tr("directory_ui.card_closed_now");
    ImGui::TextColored(card.openNow.value_or(false) ? kOpenColour : kMutedColour, "%s", badge.c_str());
    tagItem("directory.card.open_now");
    std::string kinds = typologyText(state, place.typologie);
    if (!kinds.empty()) {
        ImGui::SameLine(0, 0);
        ImGui::TextColored(kMutedColour, " \xC2\xB7 %s", kinds.c_str());
    }

    if (button(state.tr("directory_ui.orient_here"), "directory.orient_here")) orientHere(state);
    ImGui::SameLine();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(kMutedColour, "%s", state.tr("directory_ui.orient_hint").c_str());
    ImGui::PopTextWrapPos();
    ImGui::Separator();

    ImGui::BeginChild("##directory.card_scroll", ImVec2(0, 0), false);
    drawCardDetails(state);
    ImGui::EndChild();
}

void DirectoryScreen::drawCardDetails(app::AppState& state) {
    const auto& card = m_view->card();
    const auto& place = card.place;
    auto tr = [&](const char* key) -> const std::string& { return state.tr(key); };

    // Opening hours first: "is it open when the learner can go?" is the question an orientation answers.
    sectionTitle(tr("directory_ui.section_hours"));
    if (card.hoursUnparsed) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(kWarningColour, "%s", card.hoursWarning.c_str());
        ImGui::PopTextWrapPos();
        tagItem("directory.card.hours_warning");
    }
    if (card.hoursLines.empty()) ImGui::TextColored(kMutedColour, "%s", tr("directory.hours.unknown").c_str());
    for (std::size_t i = 0; i < card.hoursLines.size(); ++i) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(card.hoursLines[i].c_str());
        ImGui::PopTextWrapPos();
        tagItem("directory.card.hours." + std::to_string(i));
    }

    // One caption width for every section, so the values of all sections start at the same x.
    static const char* const kCaptions[] = {
        "directory_ui.field.address",  "directory_ui.field.commune",   "directory_ui.field.phone",
        "directory_ui.field.emails",   "directory_ui.field.website",   "directory_ui.field.booking",
        "directory_ui.field.accessibility", "directory_ui.field.services", "directory_ui.field.publics",
        "directory_ui.field.support",  "directory_ui.field.fees",      "directory_ui.field.access",
        "directory_ui.field.accompaniment", "directory_ui.field.mobility", "directory_ui.field.programmes",
        "directory_ui.field.labels"};
    float captionWidth = 0;
    for (const char* key : kCaptions) captionWidth = std::max(captionWidth, textWidth(tr(key)));
    const ImGuiTableFlags flags = ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoSavedSettings;
    auto beginTable = [&](const char* id) {
        if (!ImGui::BeginTable(id, 2, flags)) return false;
        ImGui::TableSetupColumn("##caption", ImGuiTableColumnFlags_WidthFixed, captionWidth);
        ImGui::TableSetupColumn("##value", ImGuiTableColumnFlags_WidthStretch);
        return true;
    };

    sectionTitle(tr("directory_ui.section_contact"));
    if (beginTable("##directory.card.contact")) {
        std::string address = place.adresse;
        if (!place.complementAdresse.empty()) address += ", " + place.complementAdresse;
        cardRow(tr("directory_ui.field.address"), address);
        cardRow(tr("directory_ui.field.commune"),
                place.codePostal.empty() ? place.commune : place.codePostal + " " + place.commune);
        cardRow(tr("directory_ui.field.phone"), readablePhone(place.telephone));
        cardRow(tr("directory_ui.field.emails"), listText(place.courriels));
        for (std::size_t i = 0; i < place.siteWeb.size(); ++i)
            linkRow(state, i == 0 ? tr("directory_ui.field.website") : std::string(), place.siteWeb[i],
                    "directory.card.website." + std::to_string(i));
        linkRow(state, tr("directory_ui.field.booking"), place.priseRdv, "directory.card.booking");
        linkRow(state, tr("directory_ui.field.accessibility"), place.ficheAccesLibre, "directory.card.accessibility");
        ImGui::EndTable();
    }

    sectionTitle(tr("directory_ui.section_offer"));
    if (beginTable("##directory.card.offer")) {
        cardRow(tr("directory_ui.field.services"), listText(place.services));
        cardRow(tr("directory_ui.field.publics"), listText(place.publicsSpecifiquementAdresses));
        cardRow(tr("directory_ui.field.support"), listText(place.priseEnChargeSpecifique));
        cardRow(tr("directory_ui.field.fees"), listText(place.fraisACharge));
        cardRow(tr("directory_ui.field.access"), listText(place.modalitesAcces));
        cardRow(tr("directory_ui.field.accompaniment"), listText(place.modalitesAccompagnement));
        cardRow(tr("directory_ui.field.mobility"), listText(place.itinerance));
        ImGui::EndTable();
    }

    std::string labels = listText(place.formationsLabels);
    appendPart(labels, ", ", place.autresFormationsLabels);
    if (!labels.empty() || !place.dispositifProgrammesNationaux.empty()) {
        sectionTitle(tr("directory_ui.section_labels"));
        if (beginTable("##directory.card.labels")) {
            cardRow(tr("directory_ui.field.programmes"), listText(place.dispositifProgrammesNationaux));
            cardRow(tr("directory_ui.field.labels"), labels);
            ImGui::EndTable();
        }
    }

    if (!place.presentationResume.empty() || !place.presentationDetail.empty()) {
        sectionTitle(tr("directory_ui.section_about"));
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(place.presentationResume.c_str());
        if (!place.presentationDetail.empty()) ImGui::TextUnformatted(place.presentationDetail.c_str());
        ImGui::PopTextWrapPos();
    }

    ImGui::Spacing();
    ImGui::Separator();
    std::string source;
    if (!place.dateMaj.empty()) source = state.tr().format("directory_ui.updated_on", {{"date", place.dateMaj}});
    if (!place.source.empty())
        appendPart(source, " \xC2\xB7 ", state.tr().format("directory_ui.source", {{"source", place.source}}));
    if (!place.structureParente.empty())
        appendPart(source, " \xC2\xB7 ", state.tr().format("directory_ui.parent", {{"parent", place.structureParente}}));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextColored(kMutedColour, "%s", source.c_str());
    ImGui::PopTextWrapPos();
    tagItem("directory.card.updated");
}

void DirectoryScreen::orientHere(app::AppState& state) {
    std::string name = m_view->card().place.nom;
    bool ok = state.run([&] {
        core::Session probe;     // the check (the place exists) without touching the Séance form's draft here
        m_view->orient(probe);
        state.orientationToApply = probe.orientationPlaceId;
        state.screen = "session";
    });
    if (ok) state.showSuccess("directory_ui.msg.oriented", {{"name", name}});
}

void DirectoryScreen::drawPaneSwitch(app::AppState& state) {
    const std::string mapLabel = state.tr("map.view_map"), cardLabel = state.tr("map.view_card");
    const std::string hint = state.tr("map.hint");
    if (toggleButton(mapLabel, "directory.view_map", m_showMap) && !m_showMap) {
        m_showMap = true;
        m_revealOnMap = true;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", hint.c_str());
    ImGui::SameLine();
    if (toggleButton(cardLabel, "directory.view_card", !m_showMap)) m_showMap = false;
    ImGui::SameLine();
    // Beside the switch when it fits; on a narrow pane (1024 pixels) the map keeps the line, the hint stays
    // in the « Carte » button's tooltip.
    if (m_showMap && ImGui::GetContentRegionAvail().x >= textWidth(hint)) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextColored(kMutedColour, "%s", hint.c_str());
    } else {
        ImGui::NewLine();
    }
}

void DirectoryScreen::drawMapPane(app::AppState& state) {
    if (!m_map) m_map = std::make_unique<app::PlaceMap>(state.notebook());
    m_map->notice(state.status());
    try {
        m_map->refresh();
    } catch (const Error& e) {
        state.showError(e);
    }
    // The strip under the map keeps its height whether a place is open or not, so the map never moves under
    // the pointer; two rows: the name, then the buttons and what else fits.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float strip = ImGui::GetTextLineHeightWithSpacing() + ImGui::GetFrameHeight() + style.ItemSpacing.y * 2;
    ImVec2 size = ImGui::GetContentRegionAvail();
    size.y = std::max(size.y - strip - style.ItemSpacing.y, ImGui::GetFontSize() * 8);
    m_map->setSize(size.x, size.y);
    if (m_revealOnMap) {
        m_revealOnMap = false;
        m_map->reveal(m_view->openId());
    }
    // What the search lists is marked on the map, once the adviser searched for something.
    m_found.clear();
    if (!(m_view->filters() == app::DirectoryFilters{}))
        for (const auto& p : m_view->results()) m_found.push_back(p.id);
    if (auto picked = m_mapView.draw(state, *m_map, m_view->openId(), m_found, size)) {
        m_view->open(*picked);
        refreshView(state);  // its strip in this frame
    }
    ImGui::BeginChild("##directory.map_strip", ImVec2(0, strip), false, ImGuiWindowFlags_NoScrollbar);
    if (m_view->hasCard()) drawMapStrip(state);
    else ImGui::TextColored(kMutedColour, "%s", state.tr("map.pick_hint").c_str());
    ImGui::EndChild();
}

void DirectoryScreen::drawMapStrip(app::AppState& state) {
    const auto& card = m_view->card();
    const auto& place = card.place;
    // Row 1: name and commune (cut when the pane is too narrow: the card has them whole, the tooltip too).
    ImGui::TextUnformatted(place.nom.c_str());
    tagItem("directory.map.strip_name");
    const std::string commune = place.codePostal.empty() ? place.commune : place.codePostal + " " + place.commune;
    ImGui::SameLine();
    ImGui::TextColored(kMutedColour, "%s", commune.c_str());
    // Row 2: the actions first, so they stay in sight at 1024 pixels; then whether it is open, and its days.
    if (button(state.tr("directory_ui.orient_here"), "directory.map.orient_here")) orientHere(state);
    ImGui::SameLine();
    if (button(state.tr("map.show_card"), "directory.map.show_card")) m_showMap = false;
    std::string facts = !card.openNow   ? state.tr("directory_ui.card_hours_unknown")
                        : *card.openNow ? state.tr("directory_ui.card_open_now")
                                        : state.tr("directory_ui.card_closed_now");
    if (m_map) {
        if (auto i = m_map->indexOf(place.id); i && m_map->places()[*i].itinerant) {
            const auto& tour = m_map->tours()[m_map->places()[*i].tour];
            appendPart(facts, " \xC2\xB7 ", state.tr().plural("map.stops", static_cast<std::int64_t>(tour.stops.size())));
        }
    }
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(card.openNow.value_or(false) ? kOpenColour : kMutedColour, "%s", facts.c_str());
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s\n%s\n%s", place.nom.c_str(), commune.c_str(), facts.c_str());
}

ScreenEntry directoryScreenEntry() {
    return screenEntry<DirectoryScreen>("directory", "directory_ui.tab_title", "shell.tab_directory", 40);
}

}  // namespace mediane::ui
