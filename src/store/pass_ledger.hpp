// The money side of the Pass numérique, read from the notebook: what this structure redeemed in a month (the
// statement the operator pays), which cheques a payment may name, what returns to a funder unused, and the
// dashboard's figures per funder and month.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/pass_rules.hpp"

namespace mediane::store {

class Database;

// One cheque of the monthly statement. No learner data: the statement leaves the structure.
struct StatementLine {
    std::int64_t number = 0;
    std::int64_t faceValueCents = 0;  // 0: no local booklet, the value is not known here
    std::string service;              // the catalogue code the redemption named ("" when it named none)
    std::string redeemedOn;
    std::string place;                // the session's place name ("" at home, remote or elsewhere)
    std::string structure;            // the structure that redeemed it
    core::ChequeState state = core::ChequeState::Redeemed;  // redeemed or paid
};

// One cheque whose value returns to its funder: its redemption period ended and it was never redeemed.
struct UnusedCheque {
    std::int64_t number = 0;
    std::int64_t faceValueCents = 0;
    int validYear = 0;                // 0: a booklet recorded before validity years
    std::string redeemableUntil;
    core::ChequeState state = core::ChequeState::InStock;  // in stock, given or cancelled
};

// One funder's cheques in one month ("2026-11"); in FunderPass::total, the whole period.
struct FunderMonth {
    std::string month;
    std::int64_t given = 0;
    std::int64_t redeemedHere = 0;
    std::int64_t redeemedElsewhere = 0;  // by another structure, pulled for this structure's cheques
    std::int64_t paid = 0;               // by the payment month
    std::int64_t unpaid = 0;             // redeemed here, not paid yet, by the redemption month
};

struct FunderPass {
    std::string funder;              // "" for booklets recorded without one
    std::vector<FunderMonth> months; // oldest first, only months with something
    FunderMonth total;
    // Judged on today, whatever the period: cheques still open whose redemption period ends within 30 days,
    // and cheques whose period ended without a redemption.
    std::int64_t expiring = 0;
    std::int64_t unused = 0;
};

// The grace period: the structure's profile's (pulled from the hub), else this laptop's setting (pass.grace_days),
// else the default. What Notebook::validityPolicy answers, for readers with a connection of their own.
core::pass_rules::ValidityPolicy validityPolicyOf(Database& db);

// Usage: PassLedger ledger(db); auto lines = ledger.statement("2026-11");
// « Redeemed here »: a redemption in a session of this notebook's structure (the enrolled account's; a
// session recorded before enrolment has none and is this laptop's), whether recorded on this laptop or
// pulled from another laptop of the structure. Without an enrolment every session is here.
class PassLedger {
public:
    explicit PassLedger(Database& db) : m_db(db) {}

    // The cheques redeemed here in the month ("YYYY-MM"), by number.
    std::vector<StatementLine> statement(const std::string& month);
    // Whether this structure redeemed the cheque (a payment may name only those).
    bool redeemedHere(const std::string& chequeId);
    // The funders of the booklets received, sorted ("" included when a booklet has none).
    std::vector<std::string> funders();
    std::vector<UnusedCheque> unused(const std::string& funder, const std::string& today,
                                     const core::pass_rules::ValidityPolicy& policy);
    // Months from..to (ISO dates, inclusive; empty: open); expiring and unused judged on today.
    std::vector<FunderPass> perFunder(const std::string& from, const std::string& to, const std::string& today,
                                      const core::pass_rules::ValidityPolicy& policy);

private:
    std::string ownStructure();

    Database& m_db;
};

}  // namespace mediane::store
