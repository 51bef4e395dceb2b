#include "app/coverage_sheets.hpp"

#include "app/territory_coverage.hpp"
#include "app/xlsx_workbook.hpp"
#include "core/coverage.hpp"
#include "core/translator.hpp"

namespace mediane::app {

void writeCoverageSheets(XlsxWorkbook& book, const core::Translator& tr, const core::TerritoryCoverage& coverage) {
    {
        auto sheet = book.addSheet(tr.tr("map.xlsx.white_zones"));
        sheet.header(0, {tr.tr("map.coverage.col.insee"), tr.tr("map.coverage.col.commune"),
                         tr.tr("map.coverage.col.population"), tr.tr("map.coverage.col.itinerant_days"),
                         tr.tr("map.coverage.col.territory")});
        sheet.columnWidth(0, 0, 12);
        sheet.columnWidth(1, 1, 32);
        sheet.columnWidth(2, 2, 14);
        sheet.columnWidth(3, 4, 30);
        std::uint32_t row = 1;
        auto line = [&](const core::CommuneCoverage& c, const std::string& days) {
            sheet.text(row, 0, c.inseeCode);
            sheet.text(row, 1, c.name);
            sheet.number(row, 2, static_cast<double>(c.population));
            sheet.text(row, 3, days);
            sheet.text(row, 4, coverage.name);
            ++row;
        };
        for (const auto& c : coverage.withoutPlace) line(c, "");
        for (const auto& c : coverage.itinerantOnly) line(c, servedDaysText(tr, c));
    }
    {
        auto sheet = book.addSheet(tr.tr("map.xlsx.communes"));
        sheet.header(0, {tr.tr("map.coverage.col.insee"), tr.tr("map.coverage.col.commune"),
                         tr.tr("map.coverage.col.population"), tr.tr("map.coverage.col.fixed_places"),
                         tr.tr("map.coverage.col.itinerant_stops"), tr.tr("map.coverage.col.learners"),
                         tr.tr("map.coverage.col.sessions")});
        sheet.columnWidth(0, 0, 12);
        sheet.columnWidth(1, 1, 32);
        sheet.columnWidth(2, 6, 16);
        std::uint32_t row = 1;
        for (const auto& c : coverage.communes) {
            sheet.text(row, 0, c.inseeCode);
            sheet.text(row, 1, c.name);
            const double values[] = {static_cast<double>(c.population), static_cast<double>(c.fixedPlaces),
                                     static_cast<double>(c.itinerantStops), static_cast<double>(c.learners),
                                     static_cast<double>(c.sessions)};
            for (std::uint16_t v = 0; v < 5; ++v) sheet.number(row, static_cast<std::uint16_t>(2 + v), values[v]);
            ++row;
        }
        // Learners who live elsewhere, or whose commune nobody recorded, so the column adds up to the period's.
        sheet.boldText(row, 1, tr.tr("map.coverage.learners_outside"));
        sheet.number(row, 5, static_cast<double>(coverage.learnersOutside));
        ++row;
        sheet.boldText(row, 1, tr.tr("map.coverage.learners_unknown"));
        sheet.number(row, 5, static_cast<double>(coverage.learnersUnknown));
    }
    {
        auto sheet = book.addSheet(tr.tr("map.xlsx.idle_places"));
        sheet.header(0, {tr.tr("map.coverage.col.place_id"), tr.tr("map.coverage.col.place"),
                         tr.tr("map.coverage.col.commune"), tr.tr("map.coverage.col.itinerant")});
        sheet.columnWidth(0, 0, 24);
        sheet.columnWidth(1, 1, 40);
        sheet.columnWidth(2, 3, 24);
        std::uint32_t row = 1;
        for (const auto& p : coverage.idlePlaces) {
            sheet.text(row, 0, p.id);
            sheet.text(row, 1, p.name);
            sheet.text(row, 2, p.communeName);
            sheet.text(row, 3, p.itinerant ? tr.tr("map.coverage.yes") : std::string());
            ++row;
        }
    }
}

}  // namespace mediane::app
