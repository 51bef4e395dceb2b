// The adviser's notebook: the application services the GUI, the CLI and the tests all drive.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/competence_framework.hpp"
#include "core/hlc.hpp"
#include "core/model.hpp"
#include "core/pass_rules.hpp"
#include "core/vocabulary.hpp"
#include "app/notebook_vocabularies.hpp"
#include "store/assessment_repository.hpp"
#include "store/correction_history.hpp"
#include "store/database.hpp"
#include "store/enrolled_scope.hpp"
#include "store/learner_repository.hpp"
#include "store/local_settings.hpp"
#include "store/outbox.hpp"
#include "store/pass_ledger.hpp"
#include "store/pass_repository.hpp"
#include "store/pass_settings_repository.hpp"
#include "store/place_repository.hpp"
#include "store/refused_operations.hpp"
#include "store/session_repository.hpp"

namespace mediane::store {
class ActivityQueries;
class ConflictLabels;
class DashboardQueries;
class DirectoryRepository;
class ExportQueries;
class LocalConflicts;
}  // namespace mediane::store

namespace mediane::app {

// Whether a cheque can be redeemed here today, and why not: what `pass check` prints and the Pass screen shows.
struct ChequeVerdict {
    std::int64_t number = 0;
    bool redeemable = false;
    // A row on this laptop: a cheque of a local booklet, or one of another structure already seen here.
    bool known = false;
    std::optional<core::PassCheque> cheque;
    std::string redeemableUntil;   // "" when the validity is not known
    std::string reasonKey;         // why not ("" when redeemable)
    std::map<std::string, std::string> reasonParams;
};

// One line of the operator's payment: the cheque, what was paid for it and when (pass_payment_import.hpp).
struct ChequePayment {
    std::int64_t number = 0;
    int amountCents = 0;
    std::string paidOn;  // ISO date
};

struct NotebookStatus {
    std::string dataFile;
    std::string deviceId;
    int schemaVersion = 0;
    std::int64_t learners = 0, sessions = 0, cheques = 0, places = 0, assessments = 0;
    std::int64_t pendingChanges = 0;   // outbox operations not yet acknowledged by the hub
    std::int64_t refusedChanges = 0;   // of which the hub refused (outbox in error): they wait for a person
    std::int64_t openConflicts = 0;    // open conflicts this laptop's person can decide (conflict_scope.hpp)
    std::string lastSync;              // empty: never synced
};

// Where the assets (translations, vocabularies, competence framework) are: $MEDIANE_ASSETS, then the
// installed prefix's share/mediane, then a build tree's assets (core/installed_assets.hpp).
std::string findAssetsDir(const std::string& executablePath);

class Notebook {
public:
    static constexpr const char* kDatabaseFile = "mediane.sqlite";

    // Opens (creating the directory and file if needed) and migrates the notebook in dataDir.
    // Throws mediane::Error naming the file when it is unreadable or from a newer Médiane.
    // An encrypted notebook opens only once unlock() has registered its key in this process;
    // otherwise Refused "err.passphrase_needed".
    static std::unique_ptr<Notebook> open(const std::string& dataDir, const std::string& assetsDir);

    // --- Encryption at rest (docs/privacy.md) --------------------------------------------------
    static constexpr const char* kKeyFile = "notebook-key";
    // True when a key file is there and the notebook file is sealed (or does not exist yet: created sealed).
    static bool isEncrypted(const std::string& dataDir);
    // Unwraps the key with the passphrase (Refused "err.passphrase_wrong") and registers it for every
    // connection of this process.
    static void unlock(const std::string& dataDir, const std::string& passphrase);
    // Encrypts the notebook in dataDir (converting a plain one, or preparing a key for a new one).
    static void encrypt(const std::string& dataDir, const std::string& passphrase);
    static void changePassphrase(const std::string& dataDir, const std::string& oldPassphrase,
                                 const std::string& newPassphrase);

    // The newest of the shipped vocabularies and those the last sync pulled from the hub (notebook_vocabularies.hpp).
    const core::Vocabularies& vocabularies() const { return m_vocabularies.current(); }
    const core::CompetenceFramework& framework() const { return m_framework; }
    store::LocalSettings& settings() { return m_settings; }
    store::Outbox& outbox() { return m_outbox; }
    // The notebook's file, for code that opens its own connection (a reader thread, the sync engine):
    // WAL lets it work beside this one, and an encrypted notebook's key is registered for the whole process.
    const std::string& dataFile() const { return m_db->path(); }
    // Usage: auto tx = notebook.transaction(); ...several writes through the stores...; tx.commit();
    // For the app's multi-step writes: an exception before commit() rolls every one of them back.
    store::Transaction transaction() { return store::Transaction(*m_db); }

    // --- Learners -------------------------------------------------------------------------
    core::Learner createLearner(core::Learner draft);
    core::Learner updateLearner(core::Learner edited);
    std::optional<core::Learner> learner(const std::string& id);
    std::vector<core::Learner> searchLearners(const std::string& typed, int limit = 200);
    std::vector<core::Session> learnerHistory(const std::string& learnerId);
    std::vector<core::Assessment> learnerAssessments(const std::string& learnerId);
    std::vector<core::PassCheque> learnerCheques(const std::string& learnerId);
    core::Assessment recordAssessment(core::Assessment draft);
    // Erasure, withdrawal of consent, access and retention (learner_privacy.cpp, docs/privacy.md).
    void eraseLearner(const std::string& id);
    core::Learner withdrawConsent(const std::string& id);
    std::string learnerDossierJson(const std::string& id);
    int expireIdentities(int retentionMonths, const std::string& today);
    // The same at the window's start, once a day and period: the cutoff is a date, so a second look the same
    // day finds nothing new (a pull applies the period itself). It cost a third of a large notebook's start.
    int expireIdentitiesAtStart(int retentionMonths, const std::string& today);
    int retentionMonths();  // pulled from the hub on sync; 24 until then

    // --- Sessions -------------------------------------------------------------------------
    // Validates, then stores the session, its cheque redemptions and assessments in one transaction.
    // Remembers its place and duration as the next form's defaults.
    core::Session recordSession(core::Session draft, std::vector<core::Assessment> assessments = {});
    std::vector<core::Session> recentSessions(int limit);
    std::optional<core::Session> session(const std::string& id);
    // Corrections (session_corrections.cpp): every field the form has, validated like recordSession; one
    // outbox op each. A session with redeemed cheques is not deleted (Refused): it is corrected instead.
    core::Session updateSession(core::Session edited);
    void deleteSession(const std::string& id);
    // Changes made to the session on this laptop: field names, login and time, never values.
    std::vector<store::CorrectionEntry> sessionHistory(const std::string& id);

    // --- Places ---------------------------------------------------------------------------
    core::Place addPlace(core::Place draft);
    std::vector<core::Place> places();
    // « Mes lieux »: the places this laptop made (they reach the hub as directory proposals), and their
    // correction, validated like addPlace. A directory place is not edited here (Refused).
    std::vector<core::Place> ownPlaces();
    core::Place updatePlace(core::Place edited);

    // --- Pass numérique -------------------------------------------------------------------
    core::PassBooklet receiveBooklet(core::PassBooklet draft);
    core::PassCheque giveCheque(std::int64_t number, const std::string& learnerId, const std::string& onDate);
    // The operator's payments, all or none in one transaction: each cheque must be redeemed here and not paid
    // yet, else Refused naming it and nothing is written. One "paid" event per cheque goes to the outbox.
    std::vector<core::PassCheque> payCheques(const std::vector<ChequePayment>& payments);
    // Refuses (with the reason) a cheque that could not be redeemed today; used by the form as you type.
    // validYear: typed from a cheque no local booklet covers (another structure's); 0 when not typed.
    core::PassCheque chequeForRedemption(std::int64_t number, const std::string& onDate, int validYear = 0);
    // Never throws for a refusal: the verdict says why (pass_check.cpp).
    ChequeVerdict checkCheque(std::int64_t number, const std::string& onDate, int validYear = 0);
    // A cheque redeemed in a session already recorded, on the session's date (pass redeem).
    core::PassCheque redeemInSession(std::int64_t number, const std::string& sessionId, int validYear = 0,
                                     const std::string& service = {});
    // Cancels the cheques first..last (lost, stolen, damaged) with a reason, all or none: one that is unknown
    // here, already redeemed or already cancelled refuses the whole range, naming it.
    std::vector<core::PassCheque> cancelCheques(std::int64_t first, std::int64_t last, const std::string& cause,
                                                const std::string& reason, const std::string& onDate);
    // A warning when the cheque is given close to the end of its validity (none otherwise).
    std::optional<Error> givingWarning(std::int64_t number, const std::string& onDate);
    // The grace period after 31/12 of a cheque's year (this laptop's setting, 31 days by default).
    core::pass_rules::ValidityPolicy validityPolicy();
    void setGraceDays(int days);
    std::vector<core::PassBooklet> booklets();
    std::vector<core::PassCheque> cheques(const std::string& state, int limit, int offset = 0);
    store::ChequeStock chequeStock(const std::string& today);
    std::vector<store::MonthlyChequeUse> chequeUsePerMonth(int months);
    // A structure's roles and catalogue (pass_settings_commands.cpp): the enrolled structure's, pulled from the
    // hub; on a notebook not enrolled, the one profile it holds. Nullopt when none: both roles, no catalogue.
    std::optional<core::PassProfile> passProfile();
    std::vector<core::PassService> passServices(bool withWithdrawn = false);
    // On a coordinator's or an admin's laptop only (Refused otherwise), offline too; synced like any record.
    core::PassProfile setPassProfile(std::optional<int> distributor, std::optional<int> qualifiedPlace,
                                     std::optional<int> graceDays);
    core::PassService savePassService(const std::string& code, std::optional<std::string> label,
                                      std::optional<int> cheques, std::optional<int> withdrawn);
    // The service a redemption names: the code given (one of the catalogue's, not withdrawn), or the catalogue's
    // only service when none is given; "" when the structure has no catalogue. Validation naming the codes otherwise.
    std::string serviceForRedemption(const std::string& code);
    // A service worth N cheques is paid with a multiple of N cheques (Validation naming the service otherwise).
    void checkServiceCheques(const std::string& code, int cheques);

    // --- Status ---------------------------------------------------------------------------
    NotebookStatus status();
    // The role and structure of the hub account, nullopt when not enrolled.
    std::optional<store::EnrolledScope> enrolledScope();
    // The operations the hub refused, with its reasons (store/refused_operations.hpp).
    std::vector<store::RefusedOperation> refusedChanges(int limit = 500);

    // The repositories, for exports and the demo generator, which need bulk access.
    store::LearnerRepository& learnerStore() { return m_learners; }
    store::SessionRepository& sessionStore() { return m_sessions; }
    store::PassRepository& passStore() { return m_pass; }
    store::PassSettingsRepository passSettingsStore() { return {*m_db, m_outbox}; }
    store::PlaceRepository& placeStore() { return m_places; }
    store::AssessmentRepository& assessmentStore() { return m_assessments; }
    store::DirectoryRepository& directoryStore() { return *m_directory; }
    // The conflicts the hub raised, copied here for review.
    store::LocalConflicts& conflicts() { return *m_conflicts; }

    // The read queries of the coordinator's views and exports, on this notebook's connection.
    store::DashboardQueries& dashboardQueries() { return *m_dashboardQueries; }
    store::ActivityQueries& activityQueries() { return *m_activityQueries; }
    store::ExportQueries& exportQueries() { return *m_exportQueries; }
    store::ConflictLabels& conflictLabels() { return *m_conflictLabels; }
    // The money side of the Pass: the monthly statement, what a payment may name, unused value, funders.
    store::PassLedger passLedger() { return store::PassLedger(*m_db); }

    Notebook(std::unique_ptr<store::Database> db, core::Vocabularies vocabularies, core::CompetenceFramework framework);
    ~Notebook();

private:
    core::PassCheque existingCheque(std::int64_t number);

    std::unique_ptr<store::Database> m_db;
    NotebookVocabularies m_vocabularies;
    core::CompetenceFramework m_framework;
    store::LocalSettings m_settings;
    core::HybridClock m_clock;
    store::Outbox m_outbox;
    store::LearnerRepository m_learners;
    store::SessionRepository m_sessions;
    store::PassRepository m_pass;
    store::PlaceRepository m_places;
    store::AssessmentRepository m_assessments;
    // Behind pointers so that this header, which every screen includes, stays free of their headers.
    std::unique_ptr<store::DirectoryRepository> m_directory;
    std::unique_ptr<store::LocalConflicts> m_conflicts;
    std::unique_ptr<store::DashboardQueries> m_dashboardQueries;
    std::unique_ptr<store::ActivityQueries> m_activityQueries;
    std::unique_ptr<store::ExportQueries> m_exportQueries;
    std::unique_ptr<store::ConflictLabels> m_conflictLabels;
};

}  // namespace mediane::app
