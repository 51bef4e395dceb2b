#include "ui/progress_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/calendar.hpp"

namespace mediane::ui {

namespace {

std::string replaceAll(std::string text, const std::string& what, const std::string& with) {
    for (auto pos = text.find(what); pos != std::string::npos; pos = text.find(what, pos + with.size()))
        text.replace(pos, what.size(), with);
    return text;
}

std::string formatLevel(double level) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.2f", level);
    std::string s = buf;
    std::replace(s.begin(), s.end(), '.', ',');  // French decimal comma; English readers read it too
    return s;
}

}  // namespace

ImU32 domainColour(const std::string& domainCode) {
    std::size_t index = domainCode.empty() ? 0 : static_cast<std::size_t>(std::max(0, std::atoi(domainCode.c_str()) - 1));
    // Distinguishable on the dark theme and for the common colour-vision deficiencies (Okabe–Ito hues).
    static const ImU32 palette[] = {IM_COL32(86, 180, 233, 255), IM_COL32(230, 159, 0, 255),
                                    IM_COL32(0, 158, 115, 255),  IM_COL32(240, 228, 66, 255),
                                    IM_COL32(204, 121, 167, 255), IM_COL32(213, 94, 0, 255)};
    return palette[index % (sizeof palette / sizeof palette[0])];
}

void drawProgressChart(const char* id, const std::vector<app::DomainProgress>& progress,
                       const ProgressChartText& text, ImVec2 size) {
    if (size.x <= 0) size.x = std::max(200.0f, ImGui::GetContentRegionAvail().x);
    if (progress.empty()) {
        ImGui::TextDisabled("%s", text.empty.c_str());
        return;
    }
    ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);
    bool hovered = ImGui::IsItemHovered();
    ImDrawList* draw = ImGui::GetWindowDrawList();

    std::string first = progress[0].points.front().date, last = first;
    for (const auto& line : progress)
        for (const auto& p : line.points) {
            first = std::min(first, p.date);
            last = std::max(last, p.date);
        }
    int span = std::max(1, core::daysBetween(first, last));
    app::LevelRange range = app::levelRange(progress);

    const float labelWidth = ImGui::CalcTextSize("N8 ").x + 4;
    const float lineHeight = ImGui::GetTextLineHeight();
    ImVec2 plotMin(origin.x + labelWidth, origin.y + lineHeight * 0.5f);
    ImVec2 plotMax(origin.x + size.x - 12, origin.y + size.y - lineHeight - 6);
    draw->AddRectFilled(plotMin, plotMax, IM_COL32(255, 255, 255, 10));

    auto yOf = [&](double level) {
        return plotMax.y - static_cast<float>((level - range.low) / (range.high - range.low)) * (plotMax.y - plotMin.y);
    };
    auto xOf = [&](const std::string& date) {
        if (first == last) return (plotMin.x + plotMax.x) / 2;
        return plotMin.x + static_cast<float>(core::daysBetween(first, date)) / span * (plotMax.x - plotMin.x);
    };

    // Each level is a band (alternately shaded) split by faint lines into its four steps, so a quarter step shows.
    const ImU32 textColour = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    for (int level = static_cast<int>(range.low); level < static_cast<int>(range.high); ++level) {
        float top = yOf(level + 1), bottom = yOf(level);
        if (level % 2 == 1) draw->AddRectFilled(ImVec2(plotMin.x, top), ImVec2(plotMax.x, bottom), IM_COL32(255, 255, 255, 14));
        for (int step = 1; step < core::Assessment::kStepsPerLevel; ++step) {
            float y = yOf(level + step / double(core::Assessment::kStepsPerLevel));
            draw->AddLine(ImVec2(plotMin.x, y), ImVec2(plotMax.x, y), IM_COL32(255, 255, 255, 20));
        }
        draw->AddLine(ImVec2(plotMin.x, bottom), ImVec2(plotMax.x, bottom), IM_COL32(255, 255, 255, 70));
        std::string label = text.levelPrefix + std::to_string(level);
        draw->AddText(ImVec2(origin.x, (top + bottom) / 2 - lineHeight / 2), textColour, label.c_str());
    }
    draw->AddLine(ImVec2(plotMin.x, plotMin.y), ImVec2(plotMax.x, plotMin.y), IM_COL32(255, 255, 255, 70));

    // Dates: the first and the last, and each new year between them when there is room.
    float firstWidth = ImGui::CalcTextSize(first.c_str()).x;
    float lastWidth = ImGui::CalcTextSize(last.c_str()).x;
    draw->AddText(ImVec2(plotMin.x, plotMax.y + 3), textColour, first.c_str());
    if (last != first) draw->AddText(ImVec2(plotMax.x - lastWidth, plotMax.y + 3), textColour, last.c_str());
    for (int year = std::stoi(first.substr(0, 4)) + 1; year <= std::stoi(last.substr(0, 4)); ++year) {
        std::string jan = std::to_string(year) + "-01-01";
        float x = xOf(jan);
        draw->AddLine(ImVec2(x, plotMin.y), ImVec2(x, plotMax.y), IM_COL32(255, 255, 255, 30));
        std::string label = std::to_string(year);
        float w = ImGui::CalcTextSize(label.c_str()).x;
        if (x - w / 2 > plotMin.x + firstWidth + 8 && x + w / 2 < plotMax.x - lastWidth - 8)
            draw->AddText(ImVec2(x - w / 2, plotMax.y + 3), textColour, label.c_str());
    }

    const ImVec2 mouse = ImGui::GetIO().MousePos;
    float bestDistance = 8.0f * 8.0f;
    const app::DomainProgress* bestLine = nullptr;
    const app::ProgressPoint* bestPoint = nullptr;
    for (std::size_t i = 0; i < progress.size(); ++i) {
        const auto& line = progress[i];
        ImU32 colour = domainColour(line.domainCode);
        ImVec2 previous;
        for (std::size_t j = 0; j < line.points.size(); ++j) {
            const auto& p = line.points[j];
            ImVec2 at(xOf(p.date), yOf(p.level));
            if (j > 0) draw->AddLine(previous, at, colour, 2.0f);
            draw->AddCircleFilled(at, 3.5f, colour);
            previous = at;
            float dx = mouse.x - at.x, dy = mouse.y - at.y;
            if (hovered && dx * dx + dy * dy < bestDistance) {
                bestDistance = dx * dx + dy * dy;
                bestLine = &line;
                bestPoint = &p;
            }
        }
        // A domain assessed once still reads as a level held until the last date.
        if (line.points.size() == 1 && first != last)
            draw->AddLine(previous, ImVec2(plotMax.x, previous.y), (colour & 0x00FFFFFF) | 0x60000000, 1.0f);
    }
    if (bestPoint) {
        std::string tip = replaceAll(text.tooltip, "{domain}", bestLine->domainCode + " · " + bestLine->label);
        tip = replaceAll(tip, "{date}", bestPoint->date);
        tip = replaceAll(tip, "{level}", formatLevel(bestPoint->level));
        ImGui::SetTooltip("%s", tip.c_str());
    }

    // Legend: one coloured square and the domain's name per line, wrapping as needed.
    float available = ImGui::GetContentRegionAvail().x;
    float used = 0;
    for (std::size_t i = 0; i < progress.size(); ++i) {
        std::string name = progress[i].domainCode + " · " + progress[i].label;
        float w = lineHeight + 4 + ImGui::CalcTextSize(name.c_str()).x + 16;
        if (i > 0) {
            if (used + w <= available) ImGui::SameLine(0, 16);
            else used = 0;
        }
        ImVec2 p = ImGui::GetCursorScreenPos();
        draw->AddRectFilled(ImVec2(p.x, p.y + 3), ImVec2(p.x + lineHeight - 6, p.y + lineHeight - 3), domainColour(progress[i].domainCode));
        ImGui::Dummy(ImVec2(lineHeight - 2, lineHeight));
        ImGui::SameLine(0, 4);
        ImGui::TextUnformatted(name.c_str());
        used += w;
    }
}

}  // namespace mediane::ui
