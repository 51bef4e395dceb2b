// Pass numérique on disk: booklets, cheques and their append-only events, stock and monthly use.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"
#include "core/pass_rules.hpp"

namespace mediane::store {

class Database;
class Outbox;

struct ChequeStock {
    std::int64_t received = 0, inStock = 0, given = 0, redeemed = 0, paid = 0, expired = 0, expiringSoon = 0;
    std::int64_t cancelled = 0;
};

struct MonthlyChequeUse {
    std::string month;  // "2026-11"
    std::int64_t given = 0, redeemed = 0, paid = 0;
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
    // A cheque no local booklet covers (another structure's), in stock here until its event is recorded.
    void insertUnlistedCheque(const std::string& id, std::int64_t number, int validYear,
                              const std::string& syncState = "pending");
    // Stores the cheque's new state and appends the event ("given", "redeemed", "paid", "cancelled") with
    // its outbox row; a "paid" event carries the amount the operator paid.
    void recordEvent(const core::PassCheque& updated, const std::string& kind, const std::string& onDate,
                     int amountCents = 0);

    std::vector<core::PassCheque> forLearner(const std::string& learnerId);
    // Cheques in one state ("" for all), by number; for the Pass screen and exports.
    std::vector<core::PassCheque> list(const std::string& state, int limit, int offset = 0);
    // The statement list() runs for every state ("?" for the state, the limit and the offset), for the
    // tests that check how SQLite answers it.
    static std::string listStatement();
    void forEach(const std::function<void(const core::PassCheque&)>& visit);
    ChequeStock stock(const std::string& today, const core::pass_rules::ValidityPolicy& policy = {});
    std::vector<MonthlyChequeUse> monthlyUse(int months);
    std::int64_t count();

private:
    Database& m_db;
    Outbox& m_outbox;
};

// One row per cheque of a booklet just stored (here or pulled from the hub), all in stock. Cheque ids derive
// from the booklet id and number ("<booklet id>#<number>") so every device names the same cheque alike.
// A number already here without its booklet (another structure's cheque redeemed here) joins the booklet
// and keeps its id and events.
void issueCheques(Database& db, const core::PassBooklet& booklet, const std::string& syncState);

// The local cheque a pulled event is about. Cheque ids differ between laptops that know the booklet
// ("<booklet id>#<number>") and those that do not ("pass#<number>"); the number is the same everywhere, so
// the event is filed under the local cheque of that number, or under a new one with no booklet.
std::string localChequeFor(Database& db, const std::string& chequeId, std::int64_t number, int validYear);

}  // namespace mediane::store
