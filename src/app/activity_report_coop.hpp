// The activity report in the shape La Coop de la médiation numérique exports it: one row per beneficiary per activity.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "app/dashboard_figures.hpp"

namespace mediane::core {
class CommuneDirectory;
}

namespace mediane::app {

class Notebook;
class PlaceInseeCodes;

// Who exports, as the Coop tells its optional columns apart (docs/activity-report.md):
// Self — an adviser exporting their own notebook: « Bénéficiaire » and « Notes supplémentaires »;
// Territory — a coordinator exporting what the hub pulled: « Prénom du médiateur », « Nom du médiateur »,
// « Rôle », « ID - Conum » and « Source de la donnée ».
enum class CoopScope { Self, Territory };
// "self" or "territory"; throws mediane::Error (Validation, "coop_export.err.scope") naming the value.
CoopScope coopScopeFrom(const std::string& text);
// A notebook enrolled as coordinator or admin holds a territory; an adviser's, or one not enrolled yet, is a self export.
CoopScope coopScopeForRole(const std::string& role);
// The Coop's export headers that apply to the scope, in its order (French, exactly as its export writes them).
std::vector<std::string> coopColumns(CoopScope scope);

// One accompaniment (a beneficiary in an activity), as the Coop's export shows it.
struct CoopRow {
    std::string sessionId;
    std::string isoDate;             // the activity's date, for a real date cell in XLSX
    int durationMinutes = 0;         // a number cell in XLSX
    std::vector<std::string> cells;  // in column order, multi-valued cells joined with line breaks
};

// Usage: CoopReport report(*notebook, &communes, CoopScope::Self); report.writeXlsx(filter, nowUtc, "cra.xlsx");
// Labels are the vocabularies' French labels (the Coop's own); no learner's name, phone, e-mail or pseudonym
// is written anywhere, not even in « Bénéficiaire » (their pseudonymous id goes there instead).
class CoopReport {
public:
    // communes: the national list, for the INSEE code of places that have none (null: left empty).
    CoopReport(Notebook& notebook, const core::CommuneDirectory* communes, CoopScope scope);
    ~CoopReport();

    CoopScope scope() const { return m_scope; }
    const std::vector<std::string>& columns() const { return m_columns; }
    // Streams the rows of the filtered sessions in date order: the session's learners (by id), then one row
    // per anonymous participant. Returns how many rows.
    std::int64_t forEachRow(const DashboardFilter& filter, const std::function<void(const CoopRow&)>& visit);
    // How many rows forEachRow would give (the XLSX writes it above the table).
    std::int64_t rowCount(const DashboardFilter& filter);

    // UTF-8 with a byte order mark, `;` between fields, CRLF: what a French spreadsheet opens as is.
    std::int64_t writeCsv(const DashboardFilter& filter, std::ostream& out);
    // Sheet « Activités »: the export's information and filter rows, then the table, as the Coop writes it.
    // exportedAt: the export's time, ISO UTC ("2026-06-30T14:05:00Z").
    std::int64_t writeXlsx(const DashboardFilter& filter, const std::string& exportedAt, const std::string& path);

private:
    Notebook& m_notebook;
    std::unique_ptr<PlaceInseeCodes> m_insee;
    CoopScope m_scope;
    std::vector<std::string> m_columns;
    std::vector<bool> m_keep;  // per header of the Coop's full list: whether this scope writes it
};

// "2026-02-03" → "03/02/2026" (other text unchanged).
std::string coopDate(const std::string& isoDate);
// "2026-02-03T09:30:00Z" → "03/02/2026 à 09:30", the Coop's « Enregistré le ».
std::string coopDateTime(const std::string& isoStamp);

}  // namespace mediane::app
