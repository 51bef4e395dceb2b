// The activity report of conseillers numériques: one pseudonymous row per session, as CSV or XLSX.
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
class Translator;
struct TerritoryCoverage;
}

namespace mediane::app {

class Notebook;
class PlaceInseeCodes;

// One session as the report shows it. No name, phone or e-mail: learners appear only as their ids
// and as counts per gender, age bracket and social status (docs/activity-report.md documents every column).
struct ActivityRow {
    std::string sessionId, date, kind;
    int durationMinutes = 0;
    std::string durationRange;  // the national statistics' bucket (vocabulary "duration_ranges")
    std::string placeMode, placeName, placeCommune, placePostalCode, placeInsee, placeKind;
    std::string communeName, communePostalCode, communeInsee;  // home, remote or elsewhere
    std::string structure, adviser;
    int learners = 0, anonymous = 0;
    int firstTime = 0;  // « premier accompagnement »: learners seen for the first time + anonymous not seen before
    int anonymousAlreadyAccompanied = 0;
    std::vector<std::string> themes, equipment, competences;
    std::string procedureName;
    std::string autonomy;
    std::string workshopTitle, workshopLevel;
    int oriented = 0;
    std::string redirection;
    std::string orientationName, orientationCommune;
    int chequesRedeemed = 0;
    // One count per code of the vocabulary, in its order, learners and anonymous participants together;
    // whoever has no code (or an unknown one) counts as « non communiqué », so each sums to the participants.
    std::vector<int> genderCounts, ageCounts, statusCounts;
    std::string legacyCodes;
    std::vector<std::string> learnerIds;
};

// csv and xlsx: one row per session (this file); coop-csv and coop-xlsx: the Coop's shape
// (activity_report_coop.hpp).
enum class ReportFormat { Csv, Xlsx, CoopCsv, CoopXlsx };
// Throws mediane::Error (Validation, "dashboard.err.format") naming the value.
ReportFormat reportFormatFrom(const std::string& text);
// Throws mediane::Error (Validation, "dashboard.err.date") naming the field when a bound is not an ISO date
// or the period ends before it starts.
void checkPeriod(const DashboardFilter& filter);

class ActivityReport {
public:
    // communes: the national list, to give places without one their INSEE code (null: left empty).
    explicit ActivityReport(Notebook& notebook, const core::CommuneDirectory* communes = nullptr);
    ~ActivityReport();

    // The header row: fixed columns, then gender_<code>…, age_<code>… and status_<code>… from the vocabularies.
    const std::vector<std::string>& columns() const { return m_columns; }
    // Streams the filtered sessions in date order; returns how many.
    std::int64_t forEachRow(const DashboardFilter& filter, const std::function<void(const ActivityRow&)>& visit);
    // The cells of a row in column order (lists joined with '|'), for CSV and tests.
    std::vector<std::string> cells(const ActivityRow& row) const;

    // Usage: report.writeCsv(filter, std::cout);  RFC 4180, UTF-8, CRLF, a header row. Returns the rows.
    std::int64_t writeCsv(const DashboardFilter& filter, std::ostream& out);
    // The activity sheet plus the dashboard's tables (month, theme, place kind, age, status, Pass, claim,
    // progress) as one workbook; sheet titles and table headers in the translator's language.
    std::int64_t writeXlsx(const DashboardFilter& filter, const std::string& today, const core::Translator& tr,
                           const std::string& path);

    // writeXlsx then adds the territory's coverage sheets (coverage_sheets.hpp), computed for the same filter.
    void includeCoverage(const core::TerritoryCoverage& coverage);

    // The reimbursement claim: redeemed cheques of the period, as CSV. Returns the cheques.
    std::int64_t writeClaimCsv(const DashboardFilter& filter, std::ostream& out);

private:
    Notebook& m_notebook;
    std::unique_ptr<PlaceInseeCodes> m_insee;
    std::vector<std::string> m_genderCodes, m_ageCodes, m_statusCodes;
    std::vector<std::string> m_columns;
    std::unique_ptr<core::TerritoryCoverage> m_coverage;  // null: no coverage sheets
};

}  // namespace mediane::app
