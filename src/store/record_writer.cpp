#include "store/record_writer.hpp"

#include "core/calendar.hpp"
#include "store/database.hpp"
#include "store/outbox.hpp"
#include "store/pass_repository.hpp"
#include "store/record_rows.hpp"
#include "store/record_tables.hpp"
#include "sync/protocol/record_wire.hpp"

namespace mediane::store {

namespace {
// Lifecycle order of cheque events: a cheque's state is its furthest event, whatever order they arrived in.
// A cancellation ranks below a redemption: a cheque redeemed somewhere before its cancellation reached that
// place is owed to it (the hub raises the clash for a person); otherwise it is never redeemable again.
int rank(const std::string& kind) {
    return kind == "given" ? 1 : kind == "cancelled" ? 2 : kind == "redeemed" ? 3 : kind == "paid" ? 4 : 0;
}

void refreshCheque(Database& db, const std::string& chequeId) {
    auto events = db.prepare("SELECT kind, coalesce(learner_id, ''), coalesce(session_id, ''), on_date, cause, reason "
                             "FROM cheque_events WHERE cheque_id = ? ORDER BY on_date, id");
    events.bind(1, chequeId);
    std::string state = "in_stock", learner, session, givenOn, redeemedOn, paidOn, cancelledOn, cause, reason;
    int furthest = 0;
    while (events.step()) {
        std::string kind = events.columnText(0);
        if (!events.columnText(1).empty()) learner = events.columnText(1);
        if (kind == "given") givenOn = events.columnText(3);
        if (kind == "redeemed" && redeemedOn.empty()) {
            redeemedOn = events.columnText(3);
            session = events.columnText(2);
        }
        if (kind == "paid" && paidOn.empty()) paidOn = events.columnText(3);
        if (kind == "cancelled" && cancelledOn.empty()) {
            cancelledOn = events.columnText(3);
            cause = events.columnText(4);
            reason = events.columnText(5);
        }
        if (rank(kind) > furthest) {
            furthest = rank(kind);
            state = kind;
        }
    }
    db.prepare("UPDATE pass_cheques SET state=?, learner_id=?, given_on=?, session_id=?, redeemed_on=?, paid_on=?, "
               "cancelled_on=?, cancel_cause=?, cancel_reason=? WHERE id=?")
        .bind(1, state).bindOptional(2, learner).bind(3, givenOn).bindOptional(4, session).bind(5, redeemedOn)
        .bind(6, paidOn).bind(7, cancelledOn).bind(8, cause).bind(9, reason).bind(10, chequeId)
        .run();
}
}  // namespace

void applyRecordEffects(Database& db, std::string_view entity, const std::string& id, const nlohmann::json& wire,
                        const std::string& syncState) {
    if (entity == "pass_booklet") {
        core::PassBooklet booklet;
        booklet.id = id;
        sync::fromWire(wire, booklet);
        issueCheques(db, booklet, syncState);
    } else if (entity == "cheque_event") {
        core::ChequeEvent event;
        sync::fromWire(wire, event);
        refreshCheque(db, event.chequeId);
    }
}

void refreshChequeState(Database& db, const std::string& chequeId) { refreshCheque(db, chequeId); }

void RecordWriter::create(std::string_view entity, const std::string& id, const nlohmann::json& wire,
                          const nlohmann::json& local) {
    RecordRows rows(m_db, entity);
    nlohmann::json columns = nlohmann::json::object();
    const std::string now = core::nowUtc();
    for (const auto& stamp : rows.table().stamps) columns[stamp] = now;
    for (auto it = local.begin(); it != local.end(); ++it) columns[it.key()] = it.value();
    rows.insert(id, wire, columns, Origin::ThisLaptop);
    applyRecordEffects(m_db, entity, id, wire, "pending");
    m_outbox.append(std::string(entity), id, "create", wire);
}

}  // namespace mediane::store
