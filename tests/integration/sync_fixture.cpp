#include "sync_fixture.hpp"

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
}  // namespace

std::int64_t HubFile::scalar(const std::string& sql) {
    store::Database db(hubDatabaseIn(dir));
    return db.scalarInt(sql);
}

std::string HubFile::text(const std::string& sql) {
    store::Database db(hubDatabaseIn(dir));
    auto st = db.prepare(sql);
    return st.step() ? st.columnText(0) : std::string();
}

nlohmann::json HubFile::record(const std::string& entity, const std::string& recordId) {
    auto fields = text("SELECT fields FROM records WHERE entity = '" + entity + "' AND record_id = '" + recordId + "'");
    return fields.empty() ? nlohmann::json() : nlohmann::json::parse(fields);
}

}  // namespace mediane::test
