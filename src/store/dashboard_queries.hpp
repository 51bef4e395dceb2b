// The coordinator dashboard's figures, computed by indexed SQL over the local notebook (own or pulled records).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <memory>

#include "store/pass_ledger.hpp"
#include "store/pass_repository.hpp"

namespace mediane::store {

class Database;

// What the coordinator looks at. Empty fields mean "all"; dates are ISO and inclusive.
struct DashboardFilter {
    std::string from;
    std::string to;
    std::string structure;
    std::string placeId;
    std::string adviser;
    bool operator==(const DashboardFilter&) const = default;
};

// The national report's two activity types: accompagnement individuel and atelier collectif.
struct MonthActivity {
    std::string month;  // "2026-11"
    std::int64_t individual = 0, workshop = 0;
    std::int64_t learners = 0;  // distinct learners seen that month
    std::int64_t sessions() const { return individual + workshop; }
};

// One bar of a breakdown: a vocabulary code (or "" when not recorded) and its count.
struct CodeCount {
    std::string code;
    std::int64_t count = 0;
};

struct ActivityFigures {
    std::int64_t sessions = 0;
    std::int64_t learners = 0;          // distinct learners linked to the sessions
    std::int64_t participants = 0;      // learner links + anonymous head counts
    std::int64_t orientations = 0;      // sessions that oriented someone to another structure
    double averageMinutes = 0;
    std::vector<MonthActivity> months;  // oldest first
    std::vector<CodeCount> byKind;      // sessions per kind
    std::vector<CodeCount> byTheme;     // sessions per theme (a session may have several)
    std::vector<CodeCount> byPlaceKind; // sessions per place kind; "mode:domicile"… for sessions not in a place
    std::vector<CodeCount> byRedirection;  // oriented sessions per kind of structure ("" when not said)
    // People per gender, age bracket and social status: each distinct learner once, plus every anonymous
    // participant of the sessions (by the session's breakdown). Whoever has no code counts as
    // "non_communique", as in the national report. Codes in code order.
    std::vector<CodeCount> byGender;
    std::vector<CodeCount> byAgeBracket;
    std::vector<CodeCount> bySocialStatus;
    // Sessions per duration in minutes (code "45"), shortest first: the app groups them into the
    // national statistics' ranges (core::durationRangeFor), which live in the vocabularies.
    std::vector<CodeCount> byDurationMinutes;
};

struct StructureStock {
    std::string structure;
    ChequeStock stock;
};

struct PassFigures {
    std::vector<StructureStock> perStructure;
    std::vector<CodeCount> redemptionsPerMonth;  // code = "2026-11", oldest first
    // Per booklet funder, the filter's period month by month (PassLedger::perFunder); by funder name.
    std::vector<FunderPass> perFunder;
};

// Per competence domain: learners assessed in the period, and how many of them moved up.
struct DomainMoves {
    std::string domain;            // "1" … "5"
    std::int64_t assessed = 0;
    std::int64_t movedUpLevel = 0; // a competence of the domain ended a whole level higher
    std::int64_t movedUpStep = 0;  // … at least one quarter-level step higher (the small steps that matter)
};

struct LearnerMove {
    std::string learnerId;
    std::string pseudonym;
    std::int64_t steps = 0;  // sum over competences of (last score − baseline score) in the period
};

// One redeemed cheque of a reimbursement claim (no learner data: the claim leaves the structure).
struct ClaimLine {
    std::int64_t number = 0;
    std::string structure;
    std::int64_t faceValueCents = 0;
    std::string expiry;
    std::string redeemedOn;
    std::string paidOn;  // empty while the operator has not paid it
    std::string sessionId;
};

struct FilterChoices {
    std::vector<std::string> structures;                      // from sessions and booklets
    std::vector<std::pair<std::string, std::string>> places;  // id, name: places sessions happened in
    std::vector<std::string> advisers;
    std::string firstDate, lastDate;                          // of all sessions
};

// Usage: DashboardQueries queries(db); auto figures = queries.activity(filter);
class DashboardQueries {
public:
    explicit DashboardQueries(Database& db);
    // Its own read-only connection to the notebook file, for a reader thread (WAL lets it read while
    // the notebook writes); the figures are the same as on the notebook's connection.
    static std::unique_ptr<DashboardQueries> openReadOnly(const std::string& file);
    ~DashboardQueries();
    DashboardQueries(const DashboardQueries&) = delete;
    // A reader thread's way out: see sql::Connection::stopWhen.
    void stopWhen(const std::atomic<bool>* stop);
    DashboardQueries& operator=(const DashboardQueries&) = delete;

    FilterChoices choices();
    ActivityFigures activity(const DashboardFilter& filter);
    // Stock is judged on today; redemptions per month follow the filter's period and structure; the figures per
    // funder follow the period, with the laptop's grace period.
    PassFigures pass(const DashboardFilter& filter, const std::string& today);
    // Baseline: a learner's latest score before the period, else their first in it; compared with their last in it.
    std::vector<DomainMoves> progress(const DashboardFilter& filter);
    // The learners who progressed most in the period, pseudonyms only.
    std::vector<LearnerMove> topMovers(const DashboardFilter& filter, int limit);
    // Cheques redeemed in the period (structure filter applies), by number.
    void forEachClaimLine(const DashboardFilter& filter, const std::function<void(const ClaimLine&)>& visit);

    // " AND s.date >= ?…" for the filter, with its values in bind order; s is the sessions alias.
    struct Where {
        std::string sql;
        std::vector<std::string> values;
    };
    static Where sessionWhere(const DashboardFilter& filter);

private:
    // Fills the temp table dash_sessions with the filtered sessions; the breakdowns then join on it.
    void selectSessions(const DashboardFilter& filter);

    std::unique_ptr<Database> m_ownConnection;  // only when opened read-only for a reader thread
    Database& m_db;
};

}  // namespace mediane::store
