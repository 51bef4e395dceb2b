#include "app/exporter.hpp"

#include "app/exporter_csv.hpp"
#include "app/notebook.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "store/database.hpp"

#include <map>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

namespace mediane::app {

namespace {

// A cell keeps its type so JSON gets numbers and arrays, while CSV flattens it.
using Numbers = std::vector<std::int64_t>;
using Cell = std::variant<std::string, std::int64_t, std::vector<std::string>, Numbers>;

// Writes rows in the chosen format; the header is known up front so CSV and JSON share the columns.
class RowSink {
public:
    RowSink(std::ostream& out, ExportFormat format, std::vector<std::string> columns)
        : m_out(out), m_format(format), m_columns(std::move(columns)), m_csv(out) {
        if (m_format == ExportFormat::Csv) m_csv.row(m_columns);
        else m_out << '[';
    }

    void row(const std::vector<Cell>& cells) {
        if (m_format == ExportFormat::Csv) {
            std::vector<std::string> fields;
            fields.reserve(cells.size());
            for (const auto& cell : cells) {
                if (auto* s = std::get_if<std::string>(&cell)) fields.push_back(*s);
                else if (auto* n = std::get_if<std::int64_t>(&cell)) fields.push_back(std::to_string(*n));
                else if (auto* list = std::get_if<std::vector<std::string>>(&cell)) fields.push_back(joinList(*list));
                else {
                    std::vector<std::string> numbers;
                    for (auto number : std::get<Numbers>(cell)) numbers.push_back(std::to_string(number));
                    fields.push_back(joinList(numbers));
                }
            }
            m_csv.row(fields);
        } else {
            nlohmann::ordered_json object = nlohmann::ordered_json::object();
            for (std::size_t i = 0; i < cells.size(); ++i)
                std::visit([&](const auto& v) { object[m_columns[i]] = v; }, cells[i]);
            m_out << (m_rows == 0 ? "\n" : ",\n") << object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        }
        ++m_rows;
        if (!m_out) throw Error(Error::Kind::Io, "err.export_write");
    }

    std::int64_t finish() {
        if (m_format == ExportFormat::Json) m_out << (m_rows == 0 ? "]\n" : "\n]\n");
        m_out.flush();
        if (!m_out) throw Error(Error::Kind::Io, "err.export_write");
        return m_rows;
    }

private:
    std::ostream& m_out;
    ExportFormat m_format;
    std::vector<std::string> m_columns;
    CsvWriter m_csv;
    std::int64_t m_rows = 0;
};

std::vector<std::string> splitList(const std::string& joined) {
    std::vector<std::string> out;
    if (joined.empty()) return out;
    std::size_t from = 0;
    for (std::size_t bar; (bar = joined.find('|', from)) != std::string::npos; from = bar + 1)
        out.push_back(joined.substr(from, bar - from));
    out.push_back(joined.substr(from));
    return out;
}

// Why one query rather than SessionRepository::forEach: forEach runs three more queries per session,
// and its cheque lookup (pass_cheques by session_id) has no index, so 100,000 sessions took minutes.
// Redeemed cheques are read once into a map (one entry per redeemed cheque, a few MB at most);
// sessions themselves stream.
std::int64_t exportSessions(Notebook& nb, RowSink sink) {
    std::map<std::string, std::string> placeNames;
    for (const auto& p : nb.places()) placeNames[p.id] = p.name;
    auto nameOf = [&](const std::string& id) {
        auto it = placeNames.find(id);
        return it == placeNames.end() ? std::string() : it->second;
    };
    std::map<std::string, Numbers> chequesBySession;
    auto cheques = nb.database().prepare(
        "SELECT session_id, number FROM pass_cheques WHERE session_id IS NOT NULL ORDER BY number");
    while (cheques.step()) chequesBySession[cheques.columnText(0)].push_back(cheques.columnInt(1));

    auto st = nb.database().prepare(
        "SELECT s.id, s.date, s.duration_minutes, s.kind, s.place_mode, coalesce(s.place_id, ''), s.anonymous_count, "
        "s.autonomy, coalesce(s.orientation_place_id, ''), s.notes, s.created_at, s.sync_state, "
        "(SELECT group_concat(learner_id, '|') FROM session_learners WHERE session_id = s.id), "
        "(SELECT group_concat(code, '|') FROM session_tags WHERE session_id = s.id AND facet = 'theme'), "
        "(SELECT group_concat(code, '|') FROM session_tags WHERE session_id = s.id AND facet = 'equipment'), "
        "(SELECT group_concat(code, '|') FROM session_tags WHERE session_id = s.id AND facet = 'competence') "
        "FROM sessions s ORDER BY s.date, s.id");
    const Numbers none;
    while (st.step()) {
        auto id = st.columnText(0);
        auto learners = splitList(st.columnText(12));
        auto anonymous = st.columnInt(6);
        auto placeId = st.columnText(5), orientationId = st.columnText(8);
        auto found = chequesBySession.find(id);
        sink.row({id, st.columnText(1), st.columnInt(2), st.columnText(3), st.columnText(4), placeId, nameOf(placeId),
                  learners, anonymous, static_cast<std::int64_t>(learners.size()) + anonymous, splitList(st.columnText(13)),
                  splitList(st.columnText(14)), st.columnText(7), splitList(st.columnText(15)),
                  found == chequesBySession.end() ? none : found->second, orientationId, nameOf(orientationId),
                  st.columnText(9), st.columnText(10), st.columnText(11)});
    }
    return sink.finish();
}

const std::vector<std::string> kSessionColumns = {
    "id", "date", "duration_minutes", "kind", "place_mode", "place_id", "place_name", "learner_ids",
    "anonymous_count", "participant_count", "themes", "equipment", "autonomy", "competences", "cheques_redeemed",
    "orientation_place_id", "orientation_place_name", "notes", "created_at", "sync_state"};

std::vector<std::string> learnerColumns(bool withIdentity) {
    std::vector<std::string> columns = {"id", "pseudonym"};
    if (withIdentity) columns.insert(columns.end(), {"first_name", "last_name", "phone", "email", "goals"});
    columns.insert(columns.end(), {"consent_date", "age_bracket", "gender", "social_status", "commune",
                                   "session_count", "created_at", "updated_at", "sync_state"});
    return columns;
}

// Why SQL here rather than LearnerRepository: it offers all() (every learner in memory at once),
// and an export of a large notebook must stream. Identity columns are not even read without consent to export them.
std::int64_t exportLearners(Notebook& nb, RowSink sink, bool withIdentity) {
    auto st = nb.database().prepare(
        "SELECT l.id, l.pseudonym, l.first_name, l.last_name, l.phone, l.email, l.goals, l.consent_date, "
        "l.age_bracket, l.gender, l.social_status, l.commune, "
        "(SELECT count(*) FROM session_learners sl WHERE sl.learner_id = l.id), l.created_at, l.updated_at, "
        "l.sync_state FROM learners l ORDER BY l.created_at, l.id");
    while (st.step()) {
        std::vector<Cell> cells = {st.columnText(0), st.columnText(1)};
        if (withIdentity)
            for (int i = 2; i <= 6; ++i) cells.emplace_back(st.columnText(i));
        for (int i = 7; i <= 11; ++i) cells.emplace_back(st.columnText(i));
        cells.emplace_back(st.columnInt(12));
        for (int i = 13; i <= 15; ++i) cells.emplace_back(st.columnText(i));
        sink.row(cells);
    }
    return sink.finish();
}

const std::vector<std::string> kChequeColumns = {
    "number", "booklet_id", "face_value_cents", "expiry", "state", "expired", "learner_id",
    "given_on", "redeemed_on", "session_id", "claimed_on", "sync_state"};

std::int64_t exportCheques(Notebook& nb, RowSink sink, const std::string& today) {
    nb.passStore().forEach([&](const core::PassCheque& c) {
        bool unused = c.state == core::ChequeState::InStock || c.state == core::ChequeState::Given;
        sink.row({c.number, c.bookletId, std::int64_t{c.faceValueCents}, c.expiry, std::string(core::toString(c.state)),
                  std::string(unused && c.isExpiredOn(today) ? "yes" : "no"), c.learnerId, c.givenOn, c.redeemedOn,
                  c.sessionId, c.claimedOn, std::string(core::toString(c.syncState))});
    });
    return sink.finish();
}

}  // namespace

ExportKind exportKindFrom(const std::string& text) {
    if (text == "sessions") return ExportKind::Sessions;
    if (text == "learners") return ExportKind::Learners;
    if (text == "cheques") return ExportKind::Cheques;
    throw Error(Error::Kind::Validation, "err.export_kind", {{"value", text}}, "export.kind");
}

ExportFormat exportFormatFrom(const std::string& text) {
    if (text == "csv") return ExportFormat::Csv;
    if (text == "json") return ExportFormat::Json;
    throw Error(Error::Kind::Validation, "err.export_format", {{"value", text}}, "export.format");
}

std::int64_t exportRecords(Notebook& notebook, const ExportOptions& options, std::ostream& out) {
    switch (options.kind) {
        case ExportKind::Sessions:
            return exportSessions(notebook, RowSink(out, options.format, kSessionColumns));
        case ExportKind::Learners:
            return exportLearners(notebook, RowSink(out, options.format, learnerColumns(options.withIdentity)),
                                  options.withIdentity);
        case ExportKind::Cheques:
            return exportCheques(notebook, RowSink(out, options.format, kChequeColumns),
                                 options.today.empty() ? core::today() : options.today);
    }
    return 0;
}

}  // namespace mediane::app
