// A learner's progress per competence domain over time, drawn with ImGui's draw list (no plotting library).
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

#include "app/learner_directory.hpp"

namespace mediane::ui {

// The words the chart shows, already translated by the caller (the chart knows no translation table).
struct ProgressChartText {
    std::string levelPrefix;   // "N" → axis labels "N1", "N2"
    std::string tooltip;       // "{domain}\n{date}: niveau {level}" with {domain}, {date} and {level}
    std::string empty;         // shown instead of the chart when nothing was assessed
};

// Usage: ui::drawProgressChart("##learners.progress", card.progress, text, ImVec2(-1, 220));
// x = date, y = level with its four sub-steps as faint lines; the y range zooms to the data (app::levelRange).
void drawProgressChart(const char* id, const std::vector<app::DomainProgress>& progress,
                       const ProgressChartText& text, ImVec2 size);

// The colour of a domain ("1" … "5"): the same domain has the same colour on every learner's chart.
ImU32 domainColour(const std::string& domainCode);

}  // namespace mediane::ui
