// The coverage of a territory as sheets of the activity report's workbook (Tableau de bord → XLSX).
#pragma once

namespace mediane::core {
class Translator;
struct TerritoryCoverage;
}

namespace mediane::app {

class XlsxWorkbook;

// Three sheets, titles and headers in the translator's language: the communes without a place (and those only
// an itinerant place serves, with its days), every commune with its places, learners and sessions, and the
// places with no session in the period. Counts and INSEE codes only: no learner is named.
void writeCoverageSheets(XlsxWorkbook& book, const core::Translator& tr, const core::TerritoryCoverage& coverage);

}  // namespace mediane::app
