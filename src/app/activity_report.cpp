#include "app/activity_report.hpp"

#include <algorithm>

#include "app/notebook.hpp"
#include "core/calendar.hpp"
#include "core/csv.hpp"
#include "core/error.hpp"
#include "store/database.hpp"

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
    auto& db = m_notebook.database();
    auto where = DashboardQueries::sessionWhere(filter);
    auto sessions = db.prepare(
        "SELECT s.id, s.date, s.kind, s.duration_minutes, s.place_mode, coalesce(p.name, ''), "
        "coalesce(p.commune, ''), coalesce(p.postal_code, ''), coalesce(p.kind, ''), s.structure, s.adviser, "
        "s.anonymous_count, s.autonomy, coalesce(o.name, ''), coalesce(o.commune, ''), "
        "(SELECT count(*) FROM pass_cheques c WHERE c.session_id = s.id) "
        "FROM sessions s LEFT JOIN places p ON p.id = s.place_id "
        "LEFT JOIN places o ON o.id = s.orientation_place_id WHERE 1" +
        where.sql + " ORDER BY s.date, s.created_at, s.id");
    for (std::size_t i = 0; i < where.values.size(); ++i) sessions.bind(static_cast<int>(i) + 1, where.values[i]);
    auto tags = db.prepare("SELECT facet, code FROM session_tags WHERE session_id = ? ORDER BY facet, code");
    auto learners = db.prepare(
        "SELECT l.id, l.age_bracket, l.social_status FROM session_learners sl JOIN learners l ON l.id = sl.learner_id "
        "WHERE sl.session_id = ? ORDER BY l.id");

    std::int64_t count = 0;
    ActivityRow row;
    while (sessions.step()) {
        row = ActivityRow{};
        row.sessionId = sessions.columnText(0);
        row.date = sessions.columnText(1);
        row.kind = sessions.columnText(2);
        row.durationMinutes = static_cast<int>(sessions.columnInt(3));
        row.placeMode = sessions.columnText(4);
        row.placeName = sessions.columnText(5);
        row.placeCommune = sessions.columnText(6);
        row.placePostalCode = sessions.columnText(7);
        row.placeKind = sessions.columnText(8);
        row.structure = sessions.columnText(9);
        row.adviser = sessions.columnText(10);
        row.anonymous = static_cast<int>(sessions.columnInt(11));
        row.autonomy = sessions.columnText(12);
        row.orientationName = sessions.columnText(13);
        row.orientationCommune = sessions.columnText(14);
        row.chequesRedeemed = static_cast<int>(sessions.columnInt(15));

        tags.reset();
        tags.bind(1, row.sessionId);
        while (tags.step()) {
            std::string facet = tags.columnText(0);
            auto& list = facet == "theme" ? row.themes : facet == "equipment" ? row.equipment : row.competences;
            list.push_back(tags.columnText(1));
        }
        row.ageCounts.assign(m_ageCodes.size() + 1, 0);
        row.statusCounts.assign(m_statusCodes.size() + 1, 0);
        learners.reset();
        learners.bind(1, row.sessionId);
        while (learners.step()) {
            row.learnerIds.push_back(learners.columnText(0));
            ++row.ageCounts[slotOf(m_ageCodes, learners.columnText(1))];
            ++row.statusCounts[slotOf(m_statusCodes, learners.columnText(2))];
        }
        row.learners = static_cast<int>(row.learnerIds.size());
        visit(row);
        ++count;
    }
    return count;
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
    DashboardQueries(m_notebook.database()).forEachClaimLine(filter, [&](const ClaimLine& line) {
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
