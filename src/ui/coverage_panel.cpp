// Sections: territory picker · summary figures · white zones (and communes served by an itinerant place) ·
// learners' communes against sessions' communes · places with no session. Every figure comes from the cached
// CoverageView: a frame draws, it only computes when the territory, the filter or the notebook changed.
#include "ui/coverage_panel.hpp"

#include <algorithm>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "core/error.hpp"
#include "core/local_format.hpp"
#include "ui/form_fields.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {

std::string grouped(std::int64_t n, const app::AppState& state) { return core::formatCount(n, state.language()); }

void mutedWrapped(const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

constexpr ImGuiTableFlags kTableFlags =
    ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoSavedSettings;

}  // namespace

void CoveragePanel::ensureView(app::AppState& state) {
    if (!m_view) m_view = std::make_unique<app::CoverageView>(state.notebook(), state.assetsDir());
}

const core::TerritoryCoverage* CoveragePanel::coverageFor(app::AppState& state, const app::DashboardFilter& filter) {
    ensureView(state);
    if (m_view->territory().empty()) return nullptr;
    m_view->notice(state.status());
    m_view->setFilter(filter);
    m_view->refresh();
    return m_view->coverage() ? &*m_view->coverage() : nullptr;
}

void CoveragePanel::draw(app::AppState& state, const app::DashboardFilter& filter) {
    ensureView(state);
    drawTerritoryPicker(state);
    m_view->notice(state.status());
    m_view->setFilter(filter);
    // Not through AppState::run, which re-reads the notebook's status: this runs every frame.
    try {
        m_view->refreshInBackground();
    } catch (const Error& e) {
        state.showError(e);
    }
    if (m_view->computing()) {
        ImGui::TextColored(kMutedColour, "%s", state.tr("dashboard.computing").c_str());
        tagItem("dashboard.coverage.computing");
    }
    const auto& coverage = m_view->coverage();
    if (!coverage) {
        ImGui::Spacing();
        if (!m_view->computing()) mutedWrapped(state.tr("map.coverage.pick_hint"));
        return;
    }
    const auto& c = *coverage;
    ImGui::Spacing();
    if (ImGui::BeginTable("##dashboard.coverage.figures", 4, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerV)) {
        auto figure = [&](const std::string& value, const std::string& caption, const char* tag) {
            ImGui::TableNextColumn();
            ImGui::SetWindowFontScale(1.4f);
            ImGui::TextUnformatted(value.c_str());
            ImGui::SetWindowFontScale(1.0f);
            tagItem(tag);
            mutedWrapped(caption);
        };
        figure(grouped(static_cast<std::int64_t>(c.withoutPlace.size()), state) + " / " + grouped(c.communeCount, state),
               state.tr("map.coverage.figure.white"), "dashboard.coverage.figure.white");
        figure(grouped(c.populationWithoutPlace, state), state.tr("map.coverage.figure.population"),
               "dashboard.coverage.figure.population");
        figure(grouped(static_cast<std::int64_t>(c.itinerantOnly.size()), state), state.tr("map.coverage.figure.itinerant"),
               "dashboard.coverage.figure.itinerant");
        figure(grouped(static_cast<std::int64_t>(c.idlePlaces.size()), state) + " / " + grouped(c.placeCount, state),
               state.tr("map.coverage.figure.idle"), "dashboard.coverage.figure.idle");
        ImGui::EndTable();
    }
    drawWhiteZones(state, c);
    drawLearnersAndSessions(state, c);
    drawIdlePlaces(state, c);
}

void CoveragePanel::drawTerritoryPicker(app::AppState& state) {
    const core::Intercommunalities* territories = nullptr;
    try {
        territories = &m_view->territories();
    } catch (const Error& e) {
        state.showError(e);
        return;
    }
    const core::Intercommunality* chosen = territories->find(m_view->territory());

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(state.tr("map.coverage.territory").c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 22));
    const bool enter = ImGui::InputTextWithHint("##dashboard.coverage.territory_search",
                                                state.tr("map.coverage.territory_hint").c_str(), &m_query,
                                                ImGuiInputTextFlags_EnterReturnsTrue);
    tagItem("dashboard.coverage.territory_search");
    if (chosen) {
        std::string shown = state.tr().format(
            "map.coverage.territory_chosen",
            {{"name", chosen->name}, {"siren", chosen->siren},
             {"communes", state.tr().plural("map.coverage.communes", static_cast<std::int64_t>(chosen->communes.size()))}});
        ImGui::SameLine();
        if (ImGui::GetContentRegionAvail().x < textWidth(shown)) ImGui::NewLine();
        ImGui::AlignTextToFramePadding();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextUnformatted(shown.c_str());
        ImGui::PopTextWrapPos();
        tagItem("dashboard.coverage.territory_chosen");
    }
    if (m_query.empty()) return;
    auto matches = territories->search(m_query, 8);
    if (enter && !matches.empty()) {
        m_view->setTerritory(matches.front()->siren);
        m_query.clear();
        return;
    }
    if (matches.empty()) {
        mutedWrapped(state.tr("map.coverage.no_territory"));
        return;
    }
    for (std::size_t i = 0; i < matches.size(); ++i) {
        const auto* e = matches[i];
        std::string label = e->name + " (" + e->siren + ") \xC2\xB7 " +
                            state.tr().plural("map.coverage.communes", static_cast<std::int64_t>(e->communes.size()));
        if (ImGui::Selectable(withId(label, "coverage.territory." + e->siren).c_str(), e == chosen)) {
            m_view->setTerritory(e->siren);
            m_query.clear();
        }
        tagItem("dashboard.coverage.territory." + std::to_string(i));
    }
}

void CoveragePanel::drawWhiteZones(app::AppState& state, const core::TerritoryCoverage& c) {
    sectionTitle(state.tr("map.coverage.white_title"));
    if (c.withoutPlace.empty() && c.itinerantOnly.empty()) {
        mutedWrapped(state.tr("map.coverage.white_none"));
        return;
    }
    // The itinerant service's column only when some commune has one.
    const bool itinerant = !c.itinerantOnly.empty();
    if (ImGui::BeginTable("##dashboard.coverage.white", itinerant ? 4 : 3, kTableFlags)) {
        ImGui::TableSetupColumn(state.tr("map.coverage.col.commune").c_str(), ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn(state.tr("map.coverage.col.insee").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(state.tr("map.coverage.col.population").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        if (itinerant)
            ImGui::TableSetupColumn(state.tr("map.coverage.col.itinerant_days").c_str(), ImGuiTableColumnFlags_WidthStretch,
                                    2.4f);
        ImGui::TableHeadersRow();
        auto row = [&](const core::CommuneCoverage& line, const std::string& days, const std::string& tag) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(line.name.c_str());
            tagItem(tag);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(line.inseeCode.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(grouped(line.population, state).c_str());
            if (!itinerant) return;
            ImGui::TableNextColumn();
            if (days.empty()) ImGui::TextColored(kMutedColour, "%s", state.tr("map.coverage.none").c_str());
            else ImGui::TextWrapped("%s", days.c_str());
        };
        for (std::size_t i = 0; i < c.withoutPlace.size(); ++i)
            row(c.withoutPlace[i], "", "dashboard.coverage.white." + std::to_string(i));
        // Served on some days only: they follow the white zones, with the days the itinerant place comes.
        for (std::size_t i = 0; i < c.itinerantOnly.size(); ++i)
            row(c.itinerantOnly[i], app::servedDaysText(state.tr(), c.itinerantOnly[i]),
                "dashboard.coverage.itinerant." + std::to_string(i));
        ImGui::EndTable();
    }
    if (itinerant) mutedWrapped(state.tr("map.coverage.itinerant_rule"));
}

void CoveragePanel::drawLearnersAndSessions(app::AppState& state, const core::TerritoryCoverage& c) {
    sectionTitle(state.tr("map.coverage.activity_title"));
    std::vector<const core::CommuneCoverage*> active;
    for (const auto& line : c.communes)
        if (line.learners > 0 || line.sessions > 0) active.push_back(&line);
    std::stable_sort(active.begin(), active.end(), [](const auto* a, const auto* b) {
        return a->learners != b->learners ? a->learners > b->learners : a->sessions > b->sessions;
    });
    if (active.empty() && c.learnersOutside == 0 && c.learnersUnknown == 0) {
        mutedWrapped(state.tr("map.coverage.activity_none"));
        return;
    }
    if (ImGui::BeginTable("##dashboard.coverage.activity", 4, kTableFlags)) {
        ImGui::TableSetupColumn(state.tr("map.coverage.col.commune").c_str(), ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn(state.tr("map.coverage.col.learners").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn(state.tr("map.coverage.col.sessions").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.6f);
        ImGui::TableSetupColumn(state.tr("map.coverage.col.places").c_str(), ImGuiTableColumnFlags_WidthStretch, 1.2f);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < active.size(); ++i) {
            const auto& line = *active[i];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(line.name.c_str());
            tagItem("dashboard.coverage.activity." + std::to_string(i));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(grouped(line.learners, state).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(grouped(line.sessions, state).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(grouped(line.fixedPlaces + line.itinerantStops, state).c_str());
        }
        auto total = [&](const std::string& caption, std::int64_t learners) {
            if (learners == 0) return;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(kMutedColour, "%s", caption.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(grouped(learners, state).c_str());
        };
        total(state.tr("map.coverage.learners_outside"), c.learnersOutside);
        total(state.tr("map.coverage.learners_unknown"), c.learnersUnknown);
        ImGui::EndTable();
    }
}

void CoveragePanel::drawIdlePlaces(app::AppState& state, const core::TerritoryCoverage& c) {
    sectionTitle(state.tr("map.coverage.idle_title"));
    if (c.idlePlaces.empty()) {
        mutedWrapped(state.tr("map.coverage.idle_none"));
        return;
    }
    // A territory's directory can hold thousands of places: a scrolling table of its own, only visible rows laid out.
    const float rows = static_cast<float>(std::min<std::size_t>(c.idlePlaces.size(), 12) + 1);
    const float height = rows * ImGui::GetTextLineHeightWithSpacing() + ImGui::GetStyle().CellPadding.y * 2 * rows;
    if (ImGui::BeginTable("##dashboard.coverage.idle", 2, kTableFlags | ImGuiTableFlags_ScrollY, ImVec2(0, height))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(state.tr("map.coverage.col.place").c_str(), ImGuiTableColumnFlags_WidthStretch, 3.0f);
        ImGui::TableSetupColumn(state.tr("map.coverage.col.commune").c_str(), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(c.idlePlaces.size()));
        while (clipper.Step()) {
            for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
                const auto& p = c.idlePlaces[static_cast<std::size_t>(i)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(p.name.c_str());
                if (p.itinerant) {
                    ImGui::SameLine();
                    ImGui::TextColored(kMutedColour, "%s", state.tr("map.coverage.itinerant_badge").c_str());
                }
                tagItem("dashboard.coverage.idle." + std::to_string(i));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(p.communeName.c_str());
            }
        }
        ImGui::EndTable();
    }
}

}  // namespace mediane::ui
