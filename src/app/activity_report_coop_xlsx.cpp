// CoopReport::writeXlsx: the sheet « Activités » as the Coop's export lays it out — the export's information,
// its filters, then the table (addExportMetadata.ts, buildWorksheetHelpers.ts, buildAccompagnementsWorksheet.ts).
#include "app/activity_report_coop.hpp"

#include "app/activity_report.hpp"
#include "app/notebook.hpp"
#include "app/xlsx_workbook.hpp"
#include "store/activity_queries.hpp"

namespace mediane::app {

namespace {

// The Coop's getUserRoleLabel for the hub roles Médiane has. An adviser is « Médiateur »: whether they are
// also a conseiller numérique (the Coop's narrower label) is a fact Médiane does not hold.
std::string roleLabel(const std::string& role) {
    if (role == "admin") return "Administrateur";
    if (role == "coordinator") return "Coordinateur";
    return "Médiateur";
}

// The Coop's period filter label: "01.01.2026 - 30.06.2026" (dateAsDay), « - » when there is no filter.
std::string periodLabel(const DashboardFilter& filter) {
    if (filter.from.empty() || filter.to.empty()) return "-";
    auto day = [](const std::string& iso) { return iso.substr(8, 2) + "." + iso.substr(5, 2) + "." + iso.substr(0, 4); };
    return day(filter.from) + " - " + day(filter.to);
}

// Wide enough for the usual contents; the Coop autosizes, which a streamed sheet cannot.
double widthOf(const std::string& header) {
    if (header == "ID CRA" || header == "Bénéficiaire") return 38;
    if (header.rfind("Thématique", 0) == 0 || header.rfind("Matériel", 0) == 0 || header == "Nom du lieu" ||
        header == "Adresse" || header == "Structure de redirection" || header.rfind("Nom de l", 0) == 0)
        return 32;
    if (header == "Date" || header == "Durée (min)" || header == "Participants" || header.rfind("Code", 0) == 0)
        return 12;
    return 20;
}

}  // namespace

std::int64_t CoopReport::writeXlsx(const DashboardFilter& filter, const std::string& exportedAt,
                                   const std::string& path) {
    checkPeriod(filter);
    const std::int64_t total = rowCount(filter);
    XlsxWorkbook book(path);
    auto sheet = book.addSheet("Activités");

    std::uint32_t r = 0;
    auto pair = [&](const std::string& name, const std::string& value) {
        sheet.text(r, 0, name);
        sheet.text(r, 1, value);
        ++r;
    };
    sheet.boldText(r++, 0, "Informations export");
    // Nom and Prénom are the exporting user's: Médiane knows its users by login only, so « - » as the Coop
    // writes for a missing name.
    pair("Nom", "-");
    pair("Prénom", "-");
    pair("Rôle", roleLabel(m_notebook.activityQueries().accountRole()));
    sheet.text(r, 0, "Total");
    sheet.number(r++, 1, static_cast<double>(total));
    pair("Date d'export", coopDate(exportedAt.substr(0, 10)));
    pair("Heure d'export", exportedAt.size() >= 16 ? exportedAt.substr(11, 5) : std::string());
    ++r;

    sheet.boldText(r++, 0, "Filtres");
    pair("Période", periodLabel(filter));
    pair("Source", "-");
    std::string place = "-";
    if (!filter.placeId.empty())
        for (const auto& p : m_notebook.places())
            if (p.id == filter.placeId) place = p.name;
    pair("Lieux d’accompagnement", place);
    pair("Communes", "-");
    pair("Départements", "-");
    pair("Type d’accompagnement", "-");
    pair("Rôle", "-");
    pair("Thématiques non administratives", "-");
    pair("Thématiques administratives", "-");
    pair("Tags", "-");
    // Médiane's own filter: the Coop has none by structure in these rows, but a filter that narrowed the
    // export must show.
    if (!filter.structure.empty()) pair("Structures employeuses", filter.structure);
    if (!filter.adviser.empty()) pair("Médiateurs", filter.adviser);
    r += 2;  // the blank row after the filters, then the Coop's separator row before the table

    const std::uint32_t headerRow = r;
    // Not frozen: the twenty rows of information above would then never scroll away.
    sheet.header(headerRow, m_columns, false);
    for (std::size_t c = 0; c < m_columns.size(); ++c)
        sheet.columnWidth(static_cast<std::uint16_t>(c), static_cast<std::uint16_t>(c), widthOf(m_columns[c]));
    std::size_t dateColumn = 0, durationColumn = 0, participantsColumn = 0;
    for (std::size_t c = 0; c < m_columns.size(); ++c) {
        if (m_columns[c] == "Date") dateColumn = c;
        if (m_columns[c] == "Durée (min)") durationColumn = c;
        if (m_columns[c] == "Participants") participantsColumn = c;
    }
    ++r;
    std::int64_t rows = forEachRow(filter, [&](const CoopRow& row) {
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            auto column = static_cast<std::uint16_t>(c);
            if (c == dateColumn) sheet.date(r, column, row.isoDate);
            else if (c == durationColumn) sheet.number(r, column, row.durationMinutes);
            else if (c == participantsColumn && row.cells[c] == "1") sheet.number(r, column, 1);
            else sheet.wrappedText(r, column, row.cells[c]);
        }
        ++r;
    });
    sheet.autoFilter(headerRow, r - 1, static_cast<std::uint16_t>(m_columns.size() - 1));
    book.close();
    return rows;
}

}  // namespace mediane::app
