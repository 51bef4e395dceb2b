// Sections: filters (period, structure, place, adviser) and export buttons (top) · tabs: Activité (figures,
// sessions per month by kind with distinct learners, kinds, themes, durations, redirections, place kinds,
// people per gender, age bracket and social status) ·
// Pass numérique (stock per structure, redemptions per month, per funder and month) · Progression (moves per domain, a learner's timeline) ·
// Couverture (coverage_panel.cpp).
// Every figure comes from the cached view-model: a frame draws, it never queries.
#include "ui/dashboard_screen.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include <imgui.h>
#include <imgui_stdlib.h>

#include "app/activity_report.hpp"
#include "app/activity_report_coop.hpp"
#include "app/spreadsheet_csv.hpp"
#include "app/user_folders.hpp"
#include "core/calendar.hpp"
#include "core/commune_directory.hpp"
#include "core/error.hpp"
#include "core/local_format.hpp"
#include "store/activity_queries.hpp"
#include "ui/progress_chart.hpp"
#include "ui/date_field.hpp"
#include "ui/form_fields.hpp"
#include "ui/screen_registry.hpp"
#include "ui/widgets.hpp"

namespace mediane::ui {

namespace {

// Colour-blind-safe palette (Okabe–Ito), the same as the Pass screen's chart.
const ImU32 kKindColours[3] = {IM_COL32(86, 180, 233, 255), IM_COL32(0, 158, 115, 255), IM_COL32(230, 159, 0, 255)};
const ImU32 kPeopleColour = IM_COL32(213, 94, 0, 255);
const ImU32 kLearnerLine = IM_COL32(204, 121, 167, 255);
const char* kKinds[2] = {"individuel", "collectif"};

// 12345 → "12 345" in French, "12,345" in English: figures of a territory run into the tens of thousands.
std::string grouped(std::int64_t n, const std::string& language) { return core::formatCount(n, language); }

// One figure of the summary row: a big number over its caption.
void figure(const std::string& value, const std::string& caption, const std::string& tag) {
    ImGui::TableNextColumn();
    ImGui::SetWindowFontScale(1.4f);
    ImGui::TextUnformatted(value.c_str());
    ImGui::SetWindowFontScale(1.0f);
    tagItem(tag);
    ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
    ImGui::TextWrapped("%s", caption.c_str());
    ImGui::PopStyleColor();
}

struct Bar {
    std::string label;
    std::int64_t count = 0;
};

// Horizontal bars, one per row: label on the left, bar scaled to the largest, count at its end.
// When a label would not fit beside its bar (the national redirection categories run to eighty characters),
// every label goes on its own lines above its bar instead: nothing is cut.
void drawBars(const char* id, const std::vector<Bar>& bars, ImU32 colour, const std::string& emptyText) {
    if (bars.empty()) {
        ImGui::TextColored(kMutedColour, "%s", emptyText.c_str());
        return;
    }
    std::int64_t peak = 1;
    float labelWidth = 0;
    for (const auto& b : bars) {
        peak = std::max(peak, b.count);
        labelWidth = std::max(labelWidth, ImGui::CalcTextSize(b.label.c_str()).x);
    }
    const float width = ImGui::GetContentRegionAvail().x;
    const bool above = labelWidth + 8 > width * 0.45f;
    labelWidth = above ? 0.0f : labelWidth + 8;
    const float row = ImGui::GetTextLineHeightWithSpacing();
    const float countWidth = ImGui::CalcTextSize("000000").x;
    // Each bar's top, and the height of its label's lines when they stand above it.
    std::vector<float> tops, labelHeights;
    float height = 0;
    for (const auto& b : bars) {
        float lines = above ? ImGui::CalcTextSize(b.label.c_str(), nullptr, false, width).y : 0.0f;
        tops.push_back(height);
        labelHeights.push_back(lines);
        height += lines + row;
    }
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(width, height));
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float barSpace = std::max(10.0f, width - labelWidth - countWidth);
    draw->PushClipRect(origin, ImVec2(origin.x + width, origin.y + height), true);
    for (std::size_t i = 0; i < bars.size(); ++i) {
        float y = origin.y + tops[i];
        if (above) {
            draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(origin.x, y), ImGui::GetColorU32(ImGuiCol_Text),
                          bars[i].label.c_str(), nullptr, width);
            y += labelHeights[i];
        } else {
            draw->AddText(ImVec2(origin.x, y), ImGui::GetColorU32(ImGuiCol_Text), bars[i].label.c_str());
        }
        float length = barSpace * static_cast<float>(bars[i].count) / static_cast<float>(peak);
        draw->AddRectFilled(ImVec2(origin.x + labelWidth, y + 3), ImVec2(origin.x + labelWidth + length, y + row - 3),
                            colour, 2.0f);
        std::string count = std::to_string(bars[i].count);
        draw->AddText(ImVec2(origin.x + labelWidth + length + 4, y), ImGui::GetColorU32(ImGuiCol_TextDisabled),
                      count.c_str());
    }
    draw->PopClipRect();
    if (ImGui::IsItemHovered()) {
        const float at = ImGui::GetIO().MousePos.y - origin.y;
        for (std::size_t i = 0; i < bars.size(); ++i)
            if (at >= tops[i] && at < tops[i] + labelHeights[i] + row)
                ImGui::SetTooltip("%s : %lld", bars[i].label.c_str(), static_cast<long long>(bars[i].count));
    }
}

std::vector<Bar> labelled(app::AppState& state, const std::vector<app::CodeCount>& counts,
                          const std::string& vocabulary) {
    std::vector<Bar> bars;
    for (const auto& c : counts)
        bars.push_back({app::codeLabel(state.notebook().vocabularies(), vocabulary, c.code, state.language(),
                                       state.tr("dashboard.unrecorded")),
                        c.count});
    return bars;
}

// Sessions per month as bars stacked by kind, with the month's distinct learners as a line over them.
void drawMonthChart(const app::AppState& state, const std::vector<app::MonthActivity>& months, float height) {
    const float width = ImGui::GetContentRegionAvail().x;
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##dashboard.months.chart", ImVec2(width, height));
    tagItem("dashboard.months.chart");
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float line = ImGui::GetTextLineHeight();
    std::int64_t peak = 1;
    for (const auto& m : months) peak = std::max({peak, m.sessions(), m.learners});

    // Legend on top: the two kinds and the learners line.
    float lx = origin.x;
    for (int k = 0; k < 2; ++k) {
        draw->AddRectFilled(ImVec2(lx, origin.y + 3), ImVec2(lx + line - 6, origin.y + line - 3), kKindColours[k]);
        lx += line;
        const std::string& text = state.tr(std::string("dashboard.kind.") + kKinds[k]);
        draw->AddText(ImVec2(lx, origin.y), ImGui::GetColorU32(ImGuiCol_Text), text.c_str());
        lx += ImGui::CalcTextSize(text.c_str()).x + 14;
    }
    draw->AddLine(ImVec2(lx, origin.y + line / 2), ImVec2(lx + line, origin.y + line / 2), kLearnerLine, 2.5f);
    lx += line + 4;
    draw->AddText(ImVec2(lx, origin.y), ImGui::GetColorU32(ImGuiCol_Text), state.tr("dashboard.learners").c_str());
    std::string peakText = grouped(peak, state.language());
    draw->AddText(ImVec2(origin.x + width - ImGui::CalcTextSize(peakText.c_str()).x, origin.y),
                  ImGui::GetColorU32(ImGuiCol_TextDisabled), peakText.c_str());

    const float top = origin.y + line + 6, bottom = origin.y + height - line - 4;
    draw->AddLine(ImVec2(origin.x, bottom), ImVec2(origin.x + width, bottom), ImGui::GetColorU32(ImGuiCol_Separator));
    if (months.empty()) return;
    const float slot = width / static_cast<float>(months.size());
    const float bar = std::max(2.0f, slot * 0.7f);
    auto yOf = [&](std::int64_t v) { return bottom - (bottom - top) * static_cast<float>(v) / static_cast<float>(peak); };
    ImVec2 previous;
    // Month labels thin out so they never overlap: every n-th month, where n keeps ~4 characters apart.
    const float labelWidth = ImGui::CalcTextSize("00/00").x + 6;
    const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(labelWidth / slot) + 1);
    for (std::size_t i = 0; i < months.size(); ++i) {
        const auto& m = months[i];
        float x = origin.x + slot * static_cast<float>(i) + (slot - bar) / 2;
        const std::int64_t values[2] = {m.individual, m.workshop};
        std::int64_t stacked = 0;
        for (int k = 0; k < 2; ++k) {
            if (values[k] == 0) continue;
            draw->AddRectFilled(ImVec2(x, yOf(stacked + values[k])), ImVec2(x + bar, yOf(stacked)), kKindColours[k]);
            stacked += values[k];
        }
        ImVec2 point(x + bar / 2, yOf(m.learners));
        if (i > 0) draw->AddLine(previous, point, kLearnerLine, 2.5f);
        draw->AddCircleFilled(point, 3.0f, kLearnerLine);
        previous = point;
        if (i % every == 0 && m.month.size() >= 7) {
            // "11/25": month and year, short enough for five years of months.
            std::string label = m.month.substr(5, 2) + "/" + m.month.substr(2, 2);
            draw->AddText(ImVec2(x + bar / 2 - ImGui::CalcTextSize(label.c_str()).x / 2, bottom + 2),
                          ImGui::GetColorU32(ImGuiCol_TextDisabled), label.c_str());
        }
    }
    if (ImGui::IsItemHovered()) {
        int i = static_cast<int>((ImGui::GetIO().MousePos.x - origin.x) / slot);
        if (i >= 0 && i < static_cast<int>(months.size())) {
            const auto& m = months[static_cast<std::size_t>(i)];
            ImGui::SetTooltip("%s\n%s : %lld\n%s : %lld\n%s : %lld", m.month.c_str(),
                              state.tr("dashboard.kind.individuel").c_str(), static_cast<long long>(m.individual),
                              state.tr("dashboard.kind.collectif").c_str(), static_cast<long long>(m.workshop),
                              state.tr("dashboard.learners").c_str(), static_cast<long long>(m.learners));
        }
    }
}

// A combo of "all" plus the choices; returns true when the value changed.
bool filterCombo(const std::string& caption, const std::string& id, const std::string& allText,
                 const std::vector<std::pair<std::string, std::string>>& choices, std::string* value, float width) {
    std::string shown = allText;
    for (const auto& [code, label] : choices)
        if (code == *value) shown = label;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(caption.c_str());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
    bool changed = false;
    if (ImGui::BeginCombo(withId("", id).c_str(), shown.c_str())) {
        if (ImGui::Selectable(allText.c_str(), value->empty())) {
            changed = !value->empty();
            value->clear();
        }
        for (const auto& [code, label] : choices) {
            if (ImGui::Selectable(withId(label, code).c_str(), *value == code)) {
                changed = *value != code;
                *value = code;
            }
        }
        ImGui::EndCombo();
    }
    tagItem(id);
    return changed;
}

std::vector<std::pair<std::string, std::string>> same(const std::vector<std::string>& values) {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& v : values) out.emplace_back(v, v);
    return out;
}

}  // namespace

void DashboardScreen::draw(app::AppState& state) {
    if (!m_dashboard) {
        m_dashboard = std::make_unique<app::Dashboard>(state.notebook(), core::today());
        m_from = m_dashboard->filter().from;
        m_to = m_dashboard->filter().to;
    }
    m_dashboard->notice(state.status());
    state.attempt([&] { m_dashboard->refreshInBackground(); });

    drawFilters(state);
    drawExports(state);
    ImGui::Spacing();
    if (ImGui::BeginTabBar("##dashboard.tabs")) {
        if (ImGui::BeginTabItem(withId(state.tr("dashboard.tab.activity"), "dashboard.tab.activity").c_str())) {
            m_dashboard->show(app::DashboardSection::Activity);
            state.attempt([&] { m_dashboard->refreshInBackground(); });
            ImGui::BeginChild("##dashboard.activity");
            drawActivity(state);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        const bool passShown = ImGui::BeginTabItem(withId(state.tr("dashboard.tab.pass"), "dashboard.tab.pass").c_str());
        tagItem("dashboard.tab.pass");  // tagged shown or not, so a test can click it open
        if (passShown) {
            m_dashboard->show(app::DashboardSection::Pass);
            state.attempt([&] { m_dashboard->refreshInBackground(); });
            ImGui::BeginChild("##dashboard.pass");
            drawPass(state);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(withId(state.tr("dashboard.tab.progress"), "dashboard.tab.progress").c_str())) {
            m_dashboard->show(app::DashboardSection::Progress);
            state.attempt([&] { m_dashboard->refreshInBackground(); });
            ImGui::BeginChild("##dashboard.progress");
            drawProgress(state);
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        const bool coverageShown =
            ImGui::BeginTabItem(withId(state.tr("map.coverage.tab"), "dashboard.tab.coverage").c_str());
        tagItem("dashboard.tab.coverage");  // tagged shown or not, so a test can click it open
        if (coverageShown) {
            ImGui::BeginChild("##dashboard.coverage");
            m_coverage.draw(state, m_dashboard->filter());
            ImGui::EndChild();
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
}

void DashboardScreen::drawFilters(app::AppState& state) {
    app::DashboardFilter filter = m_dashboard->filter();
    const auto& choices = m_dashboard->choices();
    const float dateWidth = ImGui::CalcTextSize("0000-00-00").x + ImGui::GetStyle().FramePadding.x * 2 + 4;

    // Period: presets, then the two dates as typed (applied once both are dates, in order).
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(state.tr("dashboard.period").c_str());
    ImGui::SameLine();
    auto preset = [&](const char* key, const char* id, const std::string& from, const std::string& to) {
        bool active = filter.from == from && filter.to == to;
        if (toggleButton(state.tr(key), id, active)) {
            filter.from = m_from = from;
            filter.to = m_to = to;
        }
        ImGui::SameLine();
    };
    const std::string today = m_dashboard->today();
    auto twelve = app::Dashboard::lastTwelveMonths(today);
    preset("dashboard.preset.twelve_months", "dashboard.preset.twelve", twelve.from, twelve.to);
    preset("dashboard.preset.this_year", "dashboard.preset.year", today.substr(0, 4) + "-01-01", today);
    preset("dashboard.preset.all", "dashboard.preset.all", choices.firstDate, choices.lastDate.empty() ? today
                                                                                                         : std::max(today, choices.lastDate));
    ImGui::SetNextItemWidth(dateWidth);
    bool typed = dateInput("", "dashboard.from", m_from, state.language());
    ImGui::SameLine();
    ImGui::TextUnformatted("→");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(dateWidth);
    typed |= dateInput("", "dashboard.to", m_to, state.language());
    bool validPeriod = core::isIsoDate(m_from) && core::isIsoDate(m_to) && m_from <= m_to;
    if (typed && validPeriod) {
        filter.from = m_from;
        filter.to = m_to;
    }
    if (!validPeriod) {
        ImGui::SameLine();
        ImGui::TextColored(kErrorColour, "%s", state.tr("dashboard.period_invalid").c_str());
    }

    // Who and where: each combo on the same line while it fits.
    const float comboWidth = ImGui::GetFontSize() * 13;
    Flow flow;
    auto comboWidthWith = [&](const std::string& caption) {
        return ImGui::CalcTextSize(caption.c_str()).x + ImGui::GetStyle().ItemSpacing.x + comboWidth;
    };
    flow.next(comboWidthWith(state.tr("dashboard.structure")));
    filterCombo(state.tr("dashboard.structure"), "dashboard.filter.structure", state.tr("dashboard.all_f"),
                same(choices.structures), &filter.structure, comboWidth);
    flow.next(comboWidthWith(state.tr("dashboard.place")));
    filterCombo(state.tr("dashboard.place"), "dashboard.filter.place", state.tr("dashboard.all_m"), choices.places,
                &filter.placeId, comboWidth);
    flow.next(comboWidthWith(state.tr("dashboard.adviser")));
    filterCombo(state.tr("dashboard.adviser"), "dashboard.filter.adviser", state.tr("dashboard.all_m"),
                same(choices.advisers), &filter.adviser, comboWidth);

    // A changed filter goes to the worker at once; the previous figures stay, marked « Calcul… », until it answers.
    m_dashboard->setFilter(filter);
    state.attempt([&] { m_dashboard->refreshInBackground(); });
}

void DashboardScreen::drawExports(app::AppState& state) {
    Flow flow;
    struct Export {
        const char* key;
        const char* what;
    };
    const Export exports[] = {{"dashboard.export.csv", "csv"},
                              {"dashboard.export.xlsx", "xlsx"},
                              {"dashboard.export.coop_xlsx", "coop"},
                              {"dashboard.export.claim", "claim"}};
    flow.next(textWidth(state.tr("dashboard.export.title")));
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(kMutedColour, "%s", state.tr("dashboard.export.title").c_str());
    for (const auto& e : exports) {
        flow.next(buttonWidth(state.tr(e.key)));
        if (button(state.tr(e.key), std::string("dashboard.export.") + e.what)) exportFile(state, e.what);
    }
    const std::string spreadsheet = state.tr("dashboard.export.spreadsheet");
    flow.next(choiceWidth(spreadsheet));
    checkbox(spreadsheet, "dashboard.export.spreadsheet", &m_spreadsheetCsv);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", state.tr("dashboard.export.spreadsheet_tip").c_str());

    // Where the files go, changeable, and the folder opened after an export.
    if (m_exportFolder.empty()) state.attempt([&] { m_exportFolder = app::exportFolder(state.notebook()); });
    const std::string where = state.tr().format("dashboard.export.folder", {{"folder", m_exportFolder}});
    flow.next(textWidth(where));
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(kMutedColour, "%s", where.c_str());
    tagItem("dashboard.export.folder");
    flow.next(buttonWidth(state.tr("dashboard.export.change_folder")));
    if (button(state.tr("dashboard.export.change_folder"), "dashboard.export.change_folder"))
        m_folderPicker.open(m_exportFolder);
    if (!m_lastExport.empty()) {
        flow.next(buttonWidth(state.tr("dashboard.export.open_folder")));
        if (button(state.tr("dashboard.export.open_folder"), "dashboard.export.open_folder")) {
            std::string folder = std::filesystem::path(m_lastExport).parent_path().string();
            if (!app::openFolder(folder)) state.showError(Error(Error::Kind::Io, "dashboard.export.open_failed", {{"folder", folder}}));
        }
    }
    if (auto chosen = m_folderPicker.draw(state)) {
        m_exportFolder = *chosen;
        state.run([&] { app::rememberExportFolder(state.notebook(), *chosen); });
    }
    std::string timing = state.tr("dashboard.computed_in");
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.0f", m_dashboard->lastRefreshMs());
    auto pos = timing.find("{ms}");
    if (pos != std::string::npos) timing.replace(pos, 4, ms);
    if (m_dashboard->computing()) timing = state.tr("dashboard.computing");
    flow.next(textWidth(timing));
    ImGui::AlignTextToFramePadding();
    ImGui::TextColored(kMutedColour, "%s", timing.c_str());
    if (m_dashboard->computing()) tagItem("dashboard.computing");
}

void DashboardScreen::exportFile(app::AppState& state, const std::string& what) {
    const auto& filter = m_dashboard->filter();
    std::string folder = m_exportFolder.empty() ? app::exportFolder(state.notebook()) : m_exportFolder;
    std::string stem = what == "claim" ? "demande-remboursement-pass" : what == "coop" ? "cra-coop" : "rapport-activite";
    const bool workbook = what == "xlsx" || what == "coop";
    std::string file =
        (std::filesystem::path(folder) / (stem + "_" + filter.from + "_" + filter.to + (workbook ? ".xlsx" : ".csv")))
            .string();
    bool done = state.run([&] {
        std::error_code ec;
        std::filesystem::create_directories(folder, ec);
        if (ec) throw Error(Error::Kind::Io, "dashboard.err.output", {{"file", folder}});
        // Read on each export (a few tens of milliseconds): places rarely carry their INSEE code.
        auto communes = core::CommuneDirectory::loadFile(state.assetsDir() + "/communes/communes.csv");
        if (what == "coop") {
            auto& notebook = state.notebook();
            app::CoopReport(notebook, &communes, app::coopScopeForRole(notebook.activityQueries().accountRole()))
                .writeXlsx(filter, core::nowUtc(), file);
            return;
        }
        app::ActivityReport report(state.notebook(), &communes);
        if (what == "xlsx") {
            if (const auto* coverage = m_coverage.coverageFor(state, filter)) report.includeCoverage(*coverage);
            report.writeXlsx(filter, m_dashboard->today(), state.tr(), file);
            return;
        }
        std::ofstream out(file, std::ios::binary);
        if (!out) throw Error(Error::Kind::Io, "dashboard.err.output", {{"file", file}});
        auto write = [&](std::ostream& csv) {
            if (what == "claim") report.writeClaimCsv(filter, csv);
            else report.writeCsv(filter, csv);
        };
        if (m_spreadsheetCsv) {
            app::SpreadsheetCsv excel(out);
            write(excel.stream());
            excel.finish();
        } else {
            write(out);
        }
        out.close();
        if (!out) throw Error(Error::Kind::Io, "dashboard.err.output", {{"file", file}});
    });
    if (done) {
        m_lastExport = file;
        state.showSuccess("dashboard.export.done", {{"file", file}});
    }
}

void DashboardScreen::drawActivity(app::AppState& state) {
    const auto& a = m_dashboard->activity();
    const std::string& lang = state.language();
    if (ImGui::BeginTable("##dashboard.figures", 5, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_BordersInnerV)) {
        figure(grouped(a.sessions, lang), state.tr("dashboard.sessions"), "dashboard.figure.sessions");
        figure(grouped(a.learners, lang), state.tr("dashboard.distinct_learners"), "dashboard.figure.learners");
        figure(grouped(a.participants, lang), state.tr("dashboard.participants"), "dashboard.figure.participants");
        char minutes[32];
        std::snprintf(minutes, sizeof minutes, "%.0f min", a.averageMinutes);
        figure(minutes, state.tr("dashboard.average_duration"), "dashboard.figure.duration");
        figure(grouped(a.orientations, lang), state.tr("dashboard.orientations"), "dashboard.figure.orientations");
        ImGui::EndTable();
    }
    if (a.sessions == 0) {
        ImGui::Spacing();
        ImGui::TextColored(kMutedColour, "%s", state.tr("dashboard.empty").c_str());
        return;
    }

    sectionTitle(state.tr("dashboard.per_month"));
    drawMonthChart(state, a.months, std::max(160.0f, ImGui::GetTextLineHeight() * 11));

    const std::string empty = state.tr("dashboard.none");
    const auto& vocabularies = state.notebook().vocabularies();
    if (ImGui::BeginTable("##dashboard.breakdowns", 2, ImGuiTableFlags_SizingStretchSame | ImGuiTableFlags_PadOuterX)) {
        ImGui::TableNextColumn();
        sectionTitle(state.tr("dashboard.by_kind"));
        drawBars("##dashboard.kind", labelled(state, a.byKind, "session_kinds"), kKindColours[0], empty);
        sectionTitle(state.tr("dashboard.by_theme"));
        drawBars("##dashboard.theme", labelled(state, a.byTheme, "themes"), kKindColours[1], empty);
        sectionTitle(state.tr("dashboard.by_duration"));
        drawBars("##dashboard.duration",
                 labelled(state, app::durationRangeCounts(vocabularies, a.byDurationMinutes), "duration_ranges"),
                 kKindColours[0], empty);
        sectionTitle(state.tr("dashboard.by_redirection"));
        drawBars("##dashboard.redirection", labelled(state, a.byRedirection, "redirections"), kKindColours[2], empty);
        ImGui::TableNextColumn();
        sectionTitle(state.tr("dashboard.by_place_kind"));
        drawBars("##dashboard.place_kind", labelled(state, a.byPlaceKind, "place_kinds"), kKindColours[2], empty);
        // People, not sessions: each learner once, each anonymous participant by the session's breakdown.
        sectionTitle(state.tr("dashboard.by_gender"));
        ImGui::PushStyleColor(ImGuiCol_Text, kMutedColour);
        ImGui::TextWrapped("%s", state.tr("dashboard.people_explain").c_str());
        ImGui::PopStyleColor();
        drawBars("##dashboard.gender", labelled(state, app::inVocabularyOrder(vocabularies, "genders", a.byGender), "genders"),
                 kPeopleColour, empty);
        sectionTitle(state.tr("dashboard.by_age"));
        drawBars("##dashboard.age",
                 labelled(state, app::inVocabularyOrder(vocabularies, "age_brackets", a.byAgeBracket), "age_brackets"),
                 kLearnerLine, empty);
        sectionTitle(state.tr("dashboard.by_status"));
        drawBars("##dashboard.status",
                 labelled(state, app::inVocabularyOrder(vocabularies, "social_status", a.bySocialStatus), "social_status"),
                 kLearnerLine, empty);
        ImGui::EndTable();
    }
}

void DashboardScreen::drawPass(app::AppState& state) {
    const auto& p = m_dashboard->pass();
    sectionTitle(state.tr("dashboard.pass.stock_title"));
    if (p.perStructure.empty()) {
        ImGui::TextColored(kMutedColour, "%s", state.tr("dashboard.pass.no_booklet").c_str());
    } else if (ImGui::BeginTable("##dashboard.pass.stock", 8,
                                 ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp)) {
        const char* keys[8] = {"dashboard.structure",     "dashboard.pass.received", "dashboard.pass.in_stock",
                               "dashboard.pass.given",    "dashboard.pass.redeemed", "dashboard.pass.paid",
                               "dashboard.pass.expired",  "dashboard.pass.expiring"};
        for (int c = 0; c < 8; ++c)
            ImGui::TableSetupColumn(state.tr(keys[c]).c_str(), ImGuiTableColumnFlags_None, c == 0 ? 2.0f : 1.0f);
        ImGui::TableHeadersRow();
        for (const auto& s : p.perStructure) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(s.structure.empty() ? state.tr("dashboard.unrecorded").c_str() : s.structure.c_str());
            const std::int64_t values[7] = {s.stock.received, s.stock.inStock, s.stock.given,       s.stock.redeemed,
                                            s.stock.paid,  s.stock.expired, s.stock.expiringSoon};
            for (int c = 0; c < 7; ++c) {
                ImGui::TableNextColumn();
                bool alert = (c == 5 || c == 6) && values[c] > 0;
                if (alert) ImGui::PushStyleColor(ImGuiCol_Text, c == 5 ? kErrorColour : ImVec4(0.95f, 0.65f, 0.15f, 1));
                ImGui::TextUnformatted(grouped(values[c], state.language()).c_str());
                if (alert) ImGui::PopStyleColor();
            }
        }
        ImGui::EndTable();
    }
    sectionTitle(state.tr("dashboard.pass.redemptions_title"));
    std::vector<Bar> bars;
    for (const auto& m : p.redemptionsPerMonth) bars.push_back({m.code, m.count});
    drawBars("##dashboard.pass.redemptions", bars, kKindColours[1], state.tr("dashboard.none"));
    drawFunders(state, p.perFunder);
}

void DashboardScreen::drawFunders(app::AppState& state, const std::vector<app::FunderPass>& funders) {
    sectionTitle(state.tr("dashboard.funder.title"));
    ImGui::PushTextWrapPos(0);
    ImGui::TextColored(kMutedColour, "%s", state.tr("dashboard.funder.explain").c_str());
    ImGui::PopTextWrapPos();
    if (funders.empty()) {
        ImGui::TextColored(kMutedColour, "%s", state.tr("dashboard.funder.empty").c_str());
        return;
    }
    const char* keys[6] = {"dashboard.funder.month",         "dashboard.funder.given",
                           "dashboard.funder.redeemed_here", "dashboard.funder.redeemed_elsewhere",
                           "dashboard.funder.paid",          "dashboard.funder.unpaid"};
    auto cells = [&](const app::FunderMonth& m) {
        const std::int64_t values[5] = {m.given, m.redeemedHere, m.redeemedElsewhere, m.paid, m.unpaid};
        for (auto v : values) {
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(grouped(v, state.language()).c_str());
        }
    };
    for (const auto& f : funders) {
        ImGui::Spacing();
        ImGui::TextUnformatted(f.funder.empty() ? state.tr("dashboard.funder.none").c_str() : f.funder.c_str());
        tagItem("dashboard.funder." + f.funder);
        ImGui::SameLine();
        ImGui::TextColored(f.expiring > 0 ? ImVec4(0.95f, 0.65f, 0.15f, 1) : kMutedColour, "%s",
                           state.tr().format("dashboard.funder.expiring", {{"n", grouped(f.expiring, state.language())}}).c_str());
        ImGui::SameLine();
        ImGui::TextColored(f.unused > 0 ? kErrorColour : kMutedColour, "%s",
                           state.tr().format("dashboard.funder.unused", {{"n", grouped(f.unused, state.language())}}).c_str());
        if (f.months.empty() || !ImGui::BeginTable(withId("", "dashboard.funder." + f.funder).c_str(), 6,
                                                   ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV |
                                                       ImGuiTableFlags_SizingStretchSame))
            continue;
        for (const char* key : keys) ImGui::TableSetupColumn(state.tr(key).c_str());
        ImGui::TableHeadersRow();
        for (const auto& m : f.months) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(m.month.c_str());
            cells(m);
        }
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(state.tr("dashboard.funder.total").c_str());
        cells(f.total);
        ImGui::EndTable();
    }
}

void DashboardScreen::drawProgress(app::AppState& state) {
    const auto& framework = state.notebook().framework();
    sectionTitle(state.tr("dashboard.progress.title"));
    ImGui::TextColored(kMutedColour, "%s", state.tr("dashboard.progress.explain").c_str());
    const auto& moves = m_dashboard->progress();
    if (moves.empty()) {
        ImGui::TextColored(kMutedColour, "%s", state.tr("dashboard.none").c_str());
    } else if (ImGui::BeginTable("##dashboard.progress.table", 4,
                                 ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(state.tr("dashboard.progress.domain").c_str(), ImGuiTableColumnFlags_None, 3.0f);
        ImGui::TableSetupColumn(state.tr("dashboard.progress.assessed").c_str(), ImGuiTableColumnFlags_None, 1.0f);
        ImGui::TableSetupColumn(state.tr("dashboard.progress.level_up").c_str(), ImGuiTableColumnFlags_None, 1.0f);
        ImGui::TableSetupColumn(state.tr("dashboard.progress.step_up").c_str(), ImGuiTableColumnFlags_None, 1.0f);
        ImGui::TableHeadersRow();
        for (const auto& d : moves) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::ColorButton(withId("", "dashboard.domain." + d.domain).c_str(),
                               ImGui::ColorConvertU32ToFloat4(domainColour(d.domain)),
                               ImGuiColorEditFlags_NoTooltip | ImGuiColorEditFlags_NoDragDrop,
                               ImVec2(ImGui::GetTextLineHeight(), ImGui::GetTextLineHeight()));
            ImGui::SameLine();
            ImGui::TextUnformatted((d.domain + ". " + app::domainLabel(framework, d.domain)).c_str());
            const std::int64_t values[3] = {d.assessed, d.movedUpLevel, d.movedUpStep};
            for (auto v : values) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(grouped(v, state.language()).c_str());
            }
        }
        ImGui::EndTable();
    }

    sectionTitle(state.tr("dashboard.progress.timeline_title"));
    const auto& movers = m_dashboard->topMovers();
    if (movers.empty()) {
        ImGui::TextColored(kMutedColour, "%s", state.tr("dashboard.none").c_str());
        return;
    }
    const float listWidth = ImGui::GetFontSize() * 16;
    ImGui::BeginChild("##dashboard.movers", ImVec2(listWidth, ImGui::GetTextLineHeight() * 16), true);
    ImGui::TextColored(kMutedColour, "%s", state.tr("dashboard.progress.movers").c_str());
    for (const auto& m : movers) {
        std::string label = m.pseudonym + "  +" + std::to_string(m.steps);
        if (ImGui::Selectable(withId(label, "dashboard.mover." + m.learnerId).c_str(),
                              m_dashboard->selectedLearner() == m.learnerId))
            state.run([&] { m_dashboard->selectLearner(m.learnerId); });
        tagItem("dashboard.mover." + m.learnerId);
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginGroup();
    if (m_dashboard->selectedLearner().empty()) {
        ImGui::TextColored(kMutedColour, "%s", state.tr("dashboard.progress.pick").c_str());
    } else {
        ProgressChartText text{state.tr("dashboard.progress.level_prefix"), state.tr("dashboard.progress.tooltip"),
                               state.tr("dashboard.none")};
        drawProgressChart("##dashboard.timeline", m_dashboard->timeline(), text,
                          ImVec2(-1, ImGui::GetTextLineHeight() * 16));
    }
    ImGui::EndGroup();
}

ScreenEntry dashboardScreenEntry() {
    return screenEntry<DashboardScreen>("dashboard", "dashboard.tab_title", "shell.tab_dashboard", 50);
}

}  // namespace mediane::ui
