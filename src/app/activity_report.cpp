#include "app/activity_report.hpp"

#include <algorithm>

#include "app/notebook.hpp"
#include "core/calendar.hpp"
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

std::vector<std::string> codesOf(const core::Vocabulary& vocabulary) {
    std::vector<std::string> codes;
    for (const auto& term : vocabulary.terms()) codes.push_back(term.code);
    return codes;
}

// Index of code in codes, or codes.size() (the "unrecorded" column) when absent or empty.
std::size_t slotOf(const std::vector<std::string>& codes, const std::string& code) {
    return static_cast<std::size_t>(std::find(codes.begin(), codes.end(), code) - codes.begin());
}

void writeOrThrow(std::ostream& out, const std::string& text) {
    out << text;
    if (!out) throw Error(Error::Kind::Io, "err.export_write");
}

}  // namespace

ReportFormat reportFormatFrom(const std::string& text) {
    if (text == "csv") return ReportFormat::Csv;
    if (text == "xlsx") return ReportFormat::Xlsx;
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

ActivityReport::ActivityReport(Notebook& notebook)
    : m_notebook(notebook),
      m_ageCodes(codesOf(notebook.vocabularies().ageBrackets())),
      m_statusCodes(codesOf(notebook.vocabularies().socialStatus())) {
    m_columns = {"session_id",    "date",        "kind",           "duration_minutes", "place_mode",
                 "place_name",    "place_commune", "place_postal_code", "place_kind",   "structure",
                 "adviser",       "learners",    "anonymous",      "participants",     "themes",
                 "equipment",     "autonomy",    "competences",    "orientation_place", "orientation_commune",
                 "cheques_redeemed"};
    for (const auto& code : m_ageCodes) m_columns.push_back("age_" + code);
    m_columns.push_back("age_unrecorded");
    for (const auto& code : m_statusCodes) m_columns.push_back("status_" + code);
    m_columns.push_back("status_unrecorded");
    m_columns.push_back("learner_ids");
}

std::int64_t ActivityReport::forEachRow(const DashboardFilter& filter,
                                        const std::function<void(const ActivityRow&)>& visit) {
    checkPeriod(filter);
    ActivityRow row;
    return m_notebook.activityQueries().forEachSession(filter, [&](const store::ReportedSession& s) {
        row = ActivityRow{};
        row.sessionId = s.id;
        row.date = s.date;
        row.kind = s.kind;
        row.durationMinutes = s.durationMinutes;
        row.placeMode = s.placeMode;
        row.placeName = s.placeName;
        row.placeCommune = s.placeCommune;
        row.placePostalCode = s.placePostalCode;
        row.placeKind = s.placeKind;
        row.structure = s.structure;
        row.adviser = s.adviser;
        row.anonymous = s.anonymous;
        row.autonomy = s.autonomy;
        row.orientationName = s.orientationName;
        row.orientationCommune = s.orientationCommune;
        row.chequesRedeemed = s.chequesRedeemed;
        row.themes = s.themes;
        row.equipment = s.equipment;
        row.competences = s.competences;
        row.ageCounts.assign(m_ageCodes.size() + 1, 0);
        row.statusCounts.assign(m_statusCodes.size() + 1, 0);
        for (const auto& learner : s.learners) {
            row.learnerIds.push_back(learner.id);
            ++row.ageCounts[slotOf(m_ageCodes, learner.ageBracket)];
            ++row.statusCounts[slotOf(m_statusCodes, learner.socialStatus)];
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
                                  r.placeMode,
                                  r.placeName,
                                  r.placeCommune,
                                  r.placePostalCode,
                                  r.placeKind,
                                  r.structure,
                                  r.adviser,
                                  std::to_string(r.learners),
                                  std::to_string(r.anonymous),
                                  std::to_string(r.learners + r.anonymous),
                                  joined(r.themes),
                                  joined(r.equipment),
                                  r.autonomy,
                                  joined(r.competences),
                                  r.orientationName,
                                  r.orientationCommune,
                                  std::to_string(r.chequesRedeemed)};
    for (int n : r.ageCounts) c.push_back(std::to_string(n));
    for (int n : r.statusCounts) c.push_back(std::to_string(n));
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
                                    "claimed_on", "session_id"}));
    std::int64_t count = 0;
    m_notebook.dashboardQueries().forEachClaimLine(filter, [&](const ClaimLine& line) {
        char euros[32];
        std::snprintf(euros, sizeof euros, "%lld.%02lld", static_cast<long long>(line.faceValueCents / 100),
                      static_cast<long long>(line.faceValueCents % 100));
        writeOrThrow(out, core::csvRow({std::to_string(line.number), line.structure, euros, line.expiry,
                                        line.redeemedOn, line.claimedOn, line.sessionId}));
        ++count;
    });
    return count;
}

}  // namespace mediane::app
