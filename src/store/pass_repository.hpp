// Pass numérique on disk: booklets, cheques and their append-only events, stock and monthly use.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace mediane::store {

class Database;
class Outbox;

struct ChequeStock {
    std::int64_t received = 0, inStock = 0, given = 0, redeemed = 0, claimed = 0, expired = 0, expiringSoon = 0;
};

struct MonthlyChequeUse {
    std::string month;  // "2026-11"
    std::int64_t given = 0, redeemed = 0, claimed = 0;
};

class PassRepository {
public:
    PassRepository(Database& db, Outbox& outbox) : m_db(db), m_outbox(outbox) {}

    // Inside the caller's Transaction: the booklet, one row per cheque, one outbox row for the booklet.
    void insertBooklet(const core::PassBooklet& booklet);
    // A booklet whose range overlaps [first, last], if any (numbers are unique in the network).
    std::optional<core::PassBooklet> overlapping(std::int64_t first, std::int64_t last);
    std::vector<core::PassBooklet> booklets();

    std::optional<core::PassCheque> findByNumber(std::int64_t number);
    // Stores the cheque's new state and appends the event ("given", "redeemed", "claimed") with its outbox row.
    void recordEvent(const core::PassCheque& updated, const std::string& kind, const std::string& onDate);

    std::vector<core::PassCheque> forLearner(const std::string& learnerId);
    // Cheques in one state ("" for all), by number; for the Pass screen and exports.
    std::vector<core::PassCheque> list(const std::string& state, int limit, int offset = 0);
    void forEach(const std::function<void(const core::PassCheque&)>& visit);
    ChequeStock stock(const std::string& today);
    std::vector<MonthlyChequeUse> monthlyUse(int months);
    std::int64_t count();

private:
    Database& m_db;
    Outbox& m_outbox;
};

// One row per cheque of a booklet just stored (here or pulled from the hub), all in stock. Cheque ids derive
// from the booklet id and number ("<booklet id>#<number>") so every device names the same cheque alike.
void issueCheques(Database& db, const core::PassBooklet& booklet, const std::string& syncState);

}  // namespace mediane::store
