#include "app/exporter.hpp"

#include "app/exporter_csv.hpp"
#include "app/notebook.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "store/export_queries.hpp"

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

// Place names are joined here, from the few places in memory, rather than by the session query.
std::int64_t exportSessions(Notebook& nb, RowSink sink) {
    std::map<std::string, std::string> placeNames;
    for (const auto& p : nb.places()) placeNames[p.id] = p.name;
    auto nameOf = [&](const std::string& id) {
        auto it = placeNames.find(id);
        return it == placeNames.end() ? std::string() : it->second;
    };
    nb.exportQueries().forEachSession([&](const store::ExportedSession& s) {
        auto participants = static_cast<std::int64_t>(s.learnerIds.size()) + s.anonymousCount;
        sink.row({s.id, s.date, s.durationMinutes, s.kind, s.placeMode, s.placeId, nameOf(s.placeId), s.communeName,
                  s.communePostalCode, s.communeInsee, s.learnerIds, s.anonymousCount, s.anonymousByGender,
                  s.anonymousByAge, s.anonymousByStatus, s.anonymousAlreadyAccompanied, participants, s.themes,
                  s.procedureName, s.equipment, s.autonomy, s.workshopTitle, s.workshopLevel, s.competences,
                  s.chequeNumbers, s.oriented, s.redirection, s.orientationPlaceId, nameOf(s.orientationPlaceId),
                  s.notes, s.legacyCodes, s.createdAt, s.syncState});
    });
    return sink.finish();
}

const std::vector<std::string> kSessionColumns = {
    "id", "date", "duration_minutes", "kind", "place_mode", "place_id", "place_name", "commune",
    "commune_postal_code", "commune_insee", "learner_ids", "anonymous_count", "anonymous_by_gender",
    "anonymous_by_age", "anonymous_by_status", "anonymous_already_accompanied", "participant_count", "themes",
    "procedure_name", "equipment", "autonomy", "workshop_title", "workshop_level", "competences", "cheques_redeemed",
    "oriented", "redirection", "orientation_place_id", "orientation_place_name", "notes", "legacy_codes",
    "created_at", "sync_state"};

std::vector<std::string> learnerColumns(bool withIdentity) {
    std::vector<std::string> columns = {"id", "pseudonym"};
    if (withIdentity) columns.insert(columns.end(), {"first_name", "last_name", "phone", "email", "goals"});
    columns.insert(columns.end(), {"consent_date", "birth_year", "age_bracket", "gender", "social_status", "commune",
                                   "commune_postal_code", "commune_insee", "legacy_codes", "session_count", "created_at",
                                   "updated_at", "sync_state"});
    return columns;
}

// Identity columns are not even read without consent to export them.
std::int64_t exportLearners(Notebook& nb, RowSink sink, bool withIdentity) {
    nb.exportQueries().forEachLearner(withIdentity, [&](const store::ExportedLearner& l) {
        std::vector<Cell> cells = {l.id, l.pseudonym};
        if (withIdentity) cells.insert(cells.end(), {l.firstName, l.lastName, l.phone, l.email, l.goals});
        cells.emplace_back(l.consentDate);
        cells.emplace_back(l.birthYear);
        cells.insert(cells.end(), {l.ageBracket, l.gender, l.socialStatus, l.commune, l.communePostalCode, l.communeInsee,
                                   l.legacyCodes});
        cells.emplace_back(l.sessionCount);
        cells.insert(cells.end(), {l.createdAt, l.updatedAt, l.syncState});
        sink.row(cells);
    });
    return sink.finish();
}

const std::vector<std::string> kChequeColumns = {
    "number", "booklet_id", "face_value_cents", "expiry", "state", "expired", "learner_id",
    "given_on", "redeemed_on", "session_id", "paid_on", "sync_state"};

std::int64_t exportCheques(Notebook& nb, RowSink sink, const std::string& today) {
    nb.passStore().forEach([&](const core::PassCheque& c) {
        bool unused = c.state == core::ChequeState::InStock || c.state == core::ChequeState::Given;
        sink.row({c.number, c.bookletId, std::int64_t{c.faceValueCents}, c.expiry, std::string(core::toString(c.state)),
                  std::string(unused && c.isExpiredOn(today) ? "yes" : "no"), c.learnerId, c.givenOn, c.redeemedOn,
                  c.sessionId, c.paidOn, std::string(core::toString(c.syncState))});
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
