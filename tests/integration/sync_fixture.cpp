#include "sync_fixture.hpp"

#include <optional>
#include <regex>

#ifdef MEDIANE_HUB_POSTGRESQL
#include <pqxx/pqxx>
#endif

#include "hub_process.hpp"

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <vector>

#include "store/database.hpp"

namespace mediane::test {

sync::HttpResponse FaultTransport::send(const sync::HttpRequest& request) {
    Fault fault = decide ? decide(request) : Fault::None;
    if (fault != Fault::None) ++injected;
    switch (fault) {
        case Fault::DropBefore:
            throw Error(Error::Kind::Io, "err.sync.network", {{"hub", "test"}, {"detail", "injected: connection refused"}});
        case Fault::Status500:
            return {500, R"({"error":"internal","message":"injected"})", std::nullopt};
        case Fault::None: {
            auto response = m_real.send(request);
            if (observe) observe(request, response);
            return response;
        }
        default:
            break;
    }
    auto response = m_real.send(request);
    if (fault == Fault::DropAfter)
        throw Error(Error::Kind::Io, "err.sync.network", {{"hub", "test"}, {"detail", "injected: connection reset"}});
    if (fault == Fault::TruncatedBody) response.body.resize(response.body.size() / 2);
    if (fault == Fault::GarbageBody) response.body = "<html><body>502 Bad Gateway</body></html>";
    return response;
}

void Laptop::enroll(HubFixture& hub, const std::string& login) {
    hubUrl = hub.hub->url();
    app::enrollDevice(*notebook, hubUrl, login, HubFixture::kPassword);
}

TwoLaptops::TwoLaptops() {
    hub.addUser("alice", "adviser", "Centre social Parilly", "metropole-lyon");
    hub.addUser("bruno", "adviser", "Centre social Parilly", "metropole-lyon");
    a.enroll(hub, "alice");
    b.enroll(hub, "bruno");
}

sync::SyncReport Laptop::sync(sync::EngineOptions options) {
    sync::CurlTransport transport(hubUrl);
    return sync(transport, std::move(options));
}

sync::SyncReport Laptop::sync(sync::Transport& transport, sync::EngineOptions options) {
    // Its own connection, as the app's sync service opens one, and the vocabularies version it passes.
    NotebookSql db(*notebook);
    if (options.vocabularyVersion == 0) options.vocabularyVersion = notebook->vocabularies().version();
    sync::SyncEngine engine(db, transport, std::move(options));
    return engine.runOnce();
}

core::Learner Laptop::addLearner(const std::string& pseudonym) {
    core::Learner l;
    l.pseudonym = pseudonym;
    l.ageBracket = "soixante_soixante_neuf";
    l.commune = "Vénissieux";
    l.consentDate = "2026-01-05";  // so tests may add a phone number
    return notebook->createLearner(l);
}

core::Learner Laptop::editLearner(const std::string& id, const std::function<void(core::Learner&)>& edit) {
    auto l = notebook->learner(id);
    if (!l) throw std::runtime_error("no learner " + id);
    edit(*l);
    return notebook->updateLearner(*l);
}

std::string Laptop::text(const std::string& sql) {
    NotebookSql db(*notebook);
    auto st = db.prepare(sql);
    return st.step() ? st.columnText(0) : std::string();
}

std::string Laptop::learnersDump() {
    NotebookSql db(*notebook);
    auto st = db.prepare(
        "SELECT id || '|' || pseudonym || '|' || first_name || '|' || last_name || '|' || phone || '|' || email || '|' || "
        "consent_date || '|' || age_bracket || '|' || gender || '|' || social_status || '|' || commune || '|' || goals "
        "|| '|v' || version FROM learners ORDER BY id");
    std::string out;
    while (st.step()) out += st.columnText(0) + "\n";
    return out;
}

HubFile::HubFile(const std::string& d) : dir(d) {}

namespace {
// The hub's database is the one *.sqlite3 file of its data directory.
std::string hubDatabaseIn(const std::string& dir) {
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        if (entry.path().extension() == ".sqlite3") return entry.path().string();
    throw std::runtime_error("no hub database in " + dir);
}


#ifdef MEDIANE_HUB_POSTGRESQL
// The tests' SQLite dialect in PostgreSQL's: a sum of a JSON number, JSON fields read as text, the text of a JSON
// column searched with LIKE. PostgreSQL checks its own pages: SQLite's integrity check has nothing to ask it.
std::string inPostgresDialect(std::string sql) {
    if (sql == "PRAGMA integrity_check") return "SELECT 0";
    static const std::regex summed(R"(sum\(json_extract\(\s*([\w.]+)\s*,\s*'\$\.(\w+)'\s*\)\))");
    static const std::regex jsonField(R"(json_extract\(\s*([\w.]+)\s*,\s*'\$\.(\w+)'\s*\))");
    static const std::regex jsonLike(R"(\b(fields|details|field_versions) LIKE)");
    sql = std::regex_replace(sql, summed, "sum(json_num($1, '$2'))");
    sql = std::regex_replace(sql, jsonField, "($1 ->> '$2')");
    return std::regex_replace(sql, jsonLike, "$1::text LIKE");
}
#endif

// A test's query read on the hub's PostgreSQL database when the suite runs against it.
std::optional<std::string> postgresValue(const std::string& dir, const std::string& sql) {
    auto db = testHubDatabase(dir);
    if (db.empty()) return std::nullopt;
#ifdef MEDIANE_HUB_POSTGRESQL
    pqxx::connection connection(db);
    pqxx::nontransaction read(connection);
    auto rows = read.exec(inPostgresDialect(sql));
    if (rows.empty() || rows[0][0].is_null()) return std::string();
    return rows[0][0].as<std::string>();
#else
    return std::nullopt;
#endif
}
}  // namespace

std::int64_t HubFile::scalar(const std::string& sql) {
    if (auto value = postgresValue(dir, sql)) return value->empty() ? 0 : std::stoll(*value);
    store::Database db(hubDatabaseIn(dir));
    return db.scalarInt(sql);
}

std::string HubFile::text(const std::string& sql) {
    if (auto value = postgresValue(dir, sql)) return *value;
    store::Database db(hubDatabaseIn(dir));
    auto st = db.prepare(sql);
    return st.step() ? st.columnText(0) : std::string();
}

nlohmann::json HubFile::record(const std::string& entity, const std::string& recordId) {
    auto fields = text("SELECT fields FROM records WHERE entity = '" + entity + "' AND record_id = '" + recordId + "'");
    return fields.empty() ? nlohmann::json() : nlohmann::json::parse(fields);
}

}  // namespace mediane::test
