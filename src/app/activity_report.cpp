#include "app/activity_report.hpp"

#include <algorithm>

#include "app/activity_report_insee.hpp"
#include "app/notebook.hpp"
#include "core/calendar.hpp"
#include "core/coverage.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "store/activity_queries.hpp"

namespace mediane::app {

namespace {

std::string joined(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) {
        if (!out.empty()) out += '|';
        out += v;
    }
    return out;
}

// The vocabulary's codes, « non communiqué » always among them: it is where the unknown go.
std::vector<std::string> codesOf(const core::Vocabulary& vocabulary) {
    std::vector<std::string> codes;
    for (const auto& term : vocabulary.terms()) codes.push_back(term.code);
    if (std::find(codes.begin(), codes.end(), core::kAgeNotGiven) == codes.end()) codes.push_back(core::kAgeNotGiven);
    return codes;
}

// Index of code in codes; « non communiqué » for an empty code or one the vocabulary does not know
// (the Coop: an absent genre, tranche d'âge or statut means NonCommunique).
std::size_t slotOf(const std::vector<std::string>& codes, const std::string& code) {
    auto found = std::find(codes.begin(), codes.end(), code);
    if (found == codes.end()) found = std::find(codes.begin(), codes.end(), core::kAgeNotGiven);
    return static_cast<std::size_t>(found - codes.begin());
}

// Learners by their own code, anonymous participants by the session's breakdown, the rest of them
// « non communiqué ».
template <typename LearnerCode>
std::vector<int> breakdown(const std::vector<std::string>& codes, const store::ReportedSession& s, LearnerCode codeOf,
                           const std::vector<core::HeadCount>& anonymous) {
    std::vector<int> counts(codes.size(), 0);
    for (const auto& learner : s.learners) ++counts[slotOf(codes, codeOf(learner))];
    int given = 0;
    for (const auto& head : anonymous) {
        counts[slotOf(codes, head.code)] += head.count;
        given += head.count;
    }
    counts[slotOf(codes, core::kAgeNotGiven)] += std::max(0, s.anonymous - given);
    return counts;
}

void writeOrThrow(std::ostream& out, const std::string& text) {
    out << text;
    if (!out) throw Error(Error::Kind::Io, "err.export_write");
}

}  // namespace

ReportFormat reportFormatFrom(const std::string& text) {
    if (text == "csv") return ReportFormat::Csv;
    if (text == "xlsx") return ReportFormat::Xlsx;
    if (text == "coop-csv") return ReportFormat::CoopCsv;
    if (text == "coop-xlsx") return ReportFormat::CoopXlsx;
    throw Error(Error::Kind::Validation, "dashboard.err.format", {{"value", text}}, "format");
}

void checkPeriod(const DashboardFilter& filter) {
    if (!filter.from.empty() && !core::isIsoDate(filter.from))
        throw Error(Error::Kind::Validation, "dashboard.err.date", {{"value", filter.from}}, "from");
    if (!filter.to.empty() && !core::isIsoDate(filter.to))
        throw Error(Error::Kind::Validation, "dashboard.err.date", {{"value", filter.to}}, "to");
    if (!filter.from.empty() && !filter.to.empty() && filter.to < filter.from)
        throw Error(Error::Kind::Validation, "dashboard.err.period", {{"from", filter.from}, {"to", filter.to}}, "to");
}

ActivityReport::ActivityReport(Notebook& notebook, const core::CommuneDirectory* communes)
    : m_notebook(notebook),
      m_insee(std::make_unique<PlaceInseeCodes>(communes)),
      m_genderCodes(codesOf(notebook.vocabularies().genders())),
      m_ageCodes(codesOf(notebook.vocabularies().ageBrackets())),
      m_statusCodes(codesOf(notebook.vocabularies().socialStatus())) {
    m_columns = {"session_id",       "date",           "kind",
                 "duration_minutes", "duration_range", "place_mode",
                 "place_name",       "place_commune",  "place_postal_code",
                 "place_insee",      "place_kind",     "commune",
                 "commune_postal_code", "commune_insee", "structure",
                 "adviser",          "learners",       "anonymous",
                 "participants",     "first_time",     "anonymous_already_accompanied",
                 "themes",           "procedure_name", "equipment",
                 "autonomy",         "workshop_title", "workshop_level",
                 "competences",      "oriented",       "redirection",
                 "orientation_place", "orientation_commune", "cheques_redeemed"};
    for (const auto& code : m_genderCodes) m_columns.push_back("gender_" + code);
    for (const auto& code : m_ageCodes) m_columns.push_back("age_" + code);
    for (const auto& code : m_statusCodes) m_columns.push_back("status_" + code);
    m_columns.push_back("legacy_codes");
    m_columns.push_back("learner_ids");
}

ActivityReport::~ActivityReport() = default;

void ActivityReport::includeCoverage(const core::TerritoryCoverage& coverage) {
    m_coverage = std::make_unique<core::TerritoryCoverage>(coverage);
}

std::int64_t ActivityReport::forEachRow(const DashboardFilter& filter,
                                        const std::function<void(const ActivityRow&)>& visit) {
    checkPeriod(filter);
    const auto& vocabularies = m_notebook.vocabularies();
    ActivityRow row;
    return m_notebook.activityQueries().forEachSession(filter, [&](const store::ReportedSession& s) {
        row = ActivityRow{};
        row.sessionId = s.id;
        row.date = s.date;
        row.kind = s.kind;
        row.durationMinutes = s.durationMinutes;
        row.durationRange = core::durationRangeFor(vocabularies, s.durationMinutes);
        row.placeMode = s.placeMode;
        row.placeName = s.placeName;
        row.placeCommune = s.placeCommune;
        row.placePostalCode = s.placePostalCode;
        if (!s.placeName.empty()) row.placeInsee = m_insee->of(s.placeInsee, s.placePostalCode, s.placeCommune);
        row.placeKind = s.placeKind;
        row.communeName = s.communeName;
        row.communePostalCode = s.communePostalCode;
        row.communeInsee = s.communeInsee;
        row.structure = s.structure;
        row.adviser = s.adviser;
        row.anonymous = s.anonymous;
        row.anonymousAlreadyAccompanied = s.anonymousAlreadyAccompanied;
        row.autonomy = s.autonomy;
        row.procedureName = s.procedureName;
        row.workshopTitle = s.workshopTitle;
        row.workshopLevel = s.workshopLevel;
        row.oriented = s.oriented;
        row.redirection = s.redirection;
        row.orientationName = s.orientationName;
        row.orientationCommune = s.orientationCommune;
        row.chequesRedeemed = s.chequesRedeemed;
        row.themes = s.themes;
        row.equipment = s.equipment;
        row.competences = s.competences;
        row.legacyCodes = s.legacyCodes;
        row.genderCounts = breakdown(m_genderCodes, s, [](const auto& l) { return l.gender; }, s.anonymousByGender);
        row.ageCounts = breakdown(m_ageCodes, s, [](const auto& l) { return l.ageBracket; }, s.anonymousByAge);
        row.statusCounts =
            breakdown(m_statusCodes, s, [](const auto& l) { return l.socialStatus; }, s.anonymousByStatus);
        row.firstTime = std::max(0, s.anonymous - s.anonymousAlreadyAccompanied);
        for (const auto& learner : s.learners) {
            row.learnerIds.push_back(learner.id);
            if (learner.firstSession) ++row.firstTime;
        }
        row.learners = static_cast<int>(row.learnerIds.size());
        visit(row);
    });
}

std::vector<std::string> ActivityReport::cells(const ActivityRow& r) const {
    std::vector<std::string> c = {r.sessionId,
                                  r.date,
                                  r.kind,
                                  std::to_string(r.durationMinutes),
                                  r.durationRange,
                                  r.placeMode,
                                  r.placeName,
                                  r.placeCommune,
                                  r.placePostalCode,
                                  r.placeInsee,
                                  r.placeKind,
                                  r.communeName,
                                  r.communePostalCode,
                                  r.communeInsee,
                                  r.structure,
                                  r.adviser,
                                  std::to_string(r.learners),
                                  std::to_string(r.anonymous),
                                  std::to_string(r.learners + r.anonymous),
                                  std::to_string(r.firstTime),
                                  std::to_string(r.anonymousAlreadyAccompanied),
                                  joined(r.themes),
                                  r.procedureName,
                                  joined(r.equipment),
                                  r.autonomy,
                                  r.workshopTitle,
                                  r.workshopLevel,
                                  joined(r.competences),
                                  std::to_string(r.oriented),
                                  r.redirection,
                                  r.orientationName,
                                  r.orientationCommune,
                                  std::to_string(r.chequesRedeemed)};
    for (int n : r.genderCounts) c.push_back(std::to_string(n));
    for (int n : r.ageCounts) c.push_back(std::to_string(n));
    for (int n : r.statusCounts) c.push_back(std::to_string(n));
    c.push_back(r.legacyCodes);
    c.push_back(joined(r.learnerIds));
    return c;
}

std::int64_t ActivityReport::writeCsv(const DashboardFilter& filter, std::ostream& out) {
    checkPeriod(filter);
    writeOrThrow(out, core::csvRow(m_columns));
    return forEachRow(filter, [&](const ActivityRow& row) { writeOrThrow(out, core::csvRow(cells(row))); });
}

std::int64_t ActivityReport::writeClaimCsv(const DashboardFilter& filter, std::ostream& out) {
    checkPeriod(filter);
    writeOrThrow(out, core::csvRow({"cheque_number", "structure", "face_value_euros", "expiry", "redeemed_on",
                                    "paid_on", "session_id"}));
    std::int64_t count = 0;
    m_notebook.dashboardQueries().forEachClaimLine(filter, [&](const ClaimLine& line) {
        char euros[32];
        std::snprintf(euros, sizeof euros, "%lld.%02lld", static_cast<long long>(line.faceValueCents / 100),
                      static_cast<long long>(line.faceValueCents % 100));
        writeOrThrow(out, core::csvRow({std::to_string(line.number), line.structure, euros, line.expiry,
                                        line.redeemedOn, line.paidOn, line.sessionId}));
        ++count;
    });
    return count;
}

}  // namespace mediane::app
