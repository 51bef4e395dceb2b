#include "app/notebook.hpp"

#include "app/conflict_scope.hpp"

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/installed_assets.hpp"
#include "core/private_files.hpp"
#include "store/activity_queries.hpp"
#include "store/conflict_labels.hpp"
#include "store/dashboard_queries.hpp"
#include "store/directory_repository.hpp"
#include "store/encrypted_vfs.hpp"
#include "store/export_queries.hpp"
#include "store/last_stamp.hpp"
#include "store/local_conflicts.hpp"
#include "store/migrations.hpp"
#include "store/notebook_backup.hpp"
#include "store/notebook_encryption.hpp"
#include "store/notebook_key.hpp"

#include <cstdlib>
#include <filesystem>

namespace mediane::app {

namespace fs = std::filesystem;

std::string findAssetsDir(const std::string& executablePath) {
    return core::findAssetsDir(core::executablePath(executablePath), "mediane");
}

std::unique_ptr<Notebook> Notebook::open(const std::string& dataDir, const std::string& assetsDir) {
    auto vocabularies = core::Vocabularies::loadFile(assetsDir + "/vocab/vocabularies.json");
    auto framework = core::CompetenceFramework::loadFile(assetsDir + "/vocab/crcn.json");
    // Learners' names and phones live here: whatever Médiane writes from now on (the notebook, its
    // WAL, exports, the token file) is readable by the adviser's account only.
    core::keepNewFilesPrivate();
    core::ensurePrivateDirectory(dataDir);
    const std::string file = (fs::path(dataDir) / kDatabaseFile).string();
    if (isEncrypted(dataDir) && !store::findNotebookKey(file))
        throw Error(Error::Kind::Refused, "err.passphrase_needed", {{"file", file}});
    auto db = std::make_unique<store::Database>(file);
    // A newer Médiane keeps the notebook as it was before changing its schema: an update can be undone.
    store::keepCopyBeforeUpgrade(*db, isEncrypted(dataDir) ? (fs::path(dataDir) / kKeyFile).string() : "", dataDir);
    store::migrate(*db);
    return std::make_unique<Notebook>(std::move(db), std::move(vocabularies), std::move(framework));
}

bool Notebook::isEncrypted(const std::string& dataDir) {
    // Both: a key file left beside a plain notebook by an interrupted conversion does not make it
    // encrypted, and a damaged file without a key file is reported as damaged, not as locked.
    std::error_code ec;
    if (!fs::exists(fs::path(dataDir) / kKeyFile, ec)) return false;
    const fs::path file = fs::path(dataDir) / kDatabaseFile;
    if (!fs::exists(file, ec) || fs::file_size(file, ec) == 0) return true;
    return !store::isPlainDatabaseFile(file.string());
}

void Notebook::unlock(const std::string& dataDir, const std::string& passphrase) {
    auto key = store::readKeyFile((fs::path(dataDir) / kKeyFile).string(), passphrase);
    store::registerNotebookKey((fs::path(dataDir) / kDatabaseFile).string(), std::move(key));
}

void Notebook::encrypt(const std::string& dataDir, const std::string& passphrase) {
    store::checkNewPassphrase(passphrase);
    if (isEncrypted(dataDir))
        throw Error(Error::Kind::Refused, "err.already_encrypted", {{"file", (fs::path(dataDir) / kDatabaseFile).string()}});
    core::keepNewFilesPrivate();
    core::ensurePrivateDirectory(dataDir);
    const std::string file = (fs::path(dataDir) / kDatabaseFile).string();
    const std::string keyFile = (fs::path(dataDir) / kKeyFile).string();
    auto key = store::DataKey::generate();
    std::error_code ec;
    if (fs::exists(file, ec) && fs::file_size(file, ec) > 0) {
        store::encryptDatabaseFile(file, keyFile, passphrase, key);
    } else {
        // No notebook yet: the key file alone marks it, and the first open creates it sealed.
        fs::remove(file, ec);
        store::writeKeyFile(keyFile, *key, passphrase);
        store::registerNotebookKey(file, key);
    }
}

void Notebook::changePassphrase(const std::string& dataDir, const std::string& oldPassphrase,
                                const std::string& newPassphrase) {
    store::changeKeyFilePassphrase((fs::path(dataDir) / kKeyFile).string(), oldPassphrase, newPassphrase);
}

Notebook::Notebook(std::unique_ptr<store::Database> db, core::Vocabularies vocabularies,
                   core::CompetenceFramework framework)
    : m_db(std::move(db)),
      m_vocabularies(*m_db, std::move(vocabularies)),
      m_framework(std::move(framework)),
      m_settings(*m_db),
      m_clock(m_settings.deviceId()),
      m_outbox(*m_db, m_clock),
      m_learners(*m_db, m_outbox),
      m_sessions(*m_db, m_outbox),
      m_pass(*m_db, m_outbox),
      m_places(*m_db, m_outbox),
      m_assessments(*m_db, m_outbox),
      m_directory(std::make_unique<store::DirectoryRepository>(*m_db, m_outbox)),
      m_conflicts(std::make_unique<store::LocalConflicts>(*m_db)),
      m_dashboardQueries(std::make_unique<store::DashboardQueries>(*m_db)),
      m_activityQueries(std::make_unique<store::ActivityQueries>(*m_db)),
      m_exportQueries(std::make_unique<store::ExportQueries>(*m_db)),
      m_conflictLabels(std::make_unique<store::ConflictLabels>(*m_db)) {
    // Never hand out a stamp older than one already written, even if the clock was set back.
    m_clock.observe(store::lastOutboxStamp(*m_db));
}

Notebook::~Notebook() = default;

NotebookStatus Notebook::status() {
    NotebookStatus s;
    s.dataFile = m_db->path();
    s.deviceId = m_settings.deviceId();
    s.schemaVersion = store::schemaVersion(*m_db);
    s.learners = m_learners.count();
    s.sessions = m_sessions.count();
    s.cheques = m_pass.count();
    s.places = m_places.count();
    s.assessments = m_assessments.count();
    s.pendingChanges = m_outbox.pendingCount();
    s.refusedChanges = store::RefusedOperations(*m_db).count();
    auto scope = enrolledScope();
    for (const auto& c : m_conflicts->all())
        if (c.state == "open" && mayActOn(scope, c)) ++s.openConflicts;
    s.lastSync = m_settings.get("last_sync");
    return s;
}

std::optional<store::EnrolledScope> Notebook::enrolledScope() { return store::enrolledScope(*m_db); }

std::vector<store::RefusedOperation> Notebook::refusedChanges(int limit) {
    return store::RefusedOperations(*m_db).list(limit);
}

}  // namespace mediane::app
