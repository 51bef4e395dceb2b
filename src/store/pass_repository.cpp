#include "store/pass_repository.hpp"

#include "core/calendar.hpp"
#include "core/pass_rules.hpp"
#include "core/uuid.hpp"
#include "store/database.hpp"
#include "store/outbox.hpp"
#include "store/record_counts.hpp"
#include "store/record_read.hpp"
#include "store/record_rows.hpp"
#include "store/record_writer.hpp"
#include "sync/protocol/record_wire.hpp"

#include <map>

#include <nlohmann/json.hpp>

namespace mediane::store {

namespace {
// A cheque of another structure's booklet has no booklet here: its validity year is its own (migration 11).
// The per-cheque look-ups write `+e.kind` so that SQLite walks the cheque's few events by cheque_id: left
// to choose, it took the index on kind and read every redemption of the notebook for each cheque listed
// (7 s for the Pass screen's first page on the large demo, 3 ms now).
constexpr const char* kSelectCheque =
    "SELECT c.id, coalesce(c.booklet_id, ''), c.number, coalesce(b.face_value_cents, 0), coalesce(b.expiry, ''), "
    "c.state, coalesce(c.learner_id, ''), c.given_on, c.redeemed_on, coalesce(c.session_id, ''), c.paid_on, "
    "c.sync_state, CASE WHEN b.id IS NULL THEN c.valid_year ELSE b.valid_year END, coalesce(b.funder, ''), "
    "c.cancelled_on, c.cancel_cause, c.cancel_reason, "
    "coalesce((SELECT e.service || char(31) || e.structure FROM cheque_events e WHERE e.cheque_id = c.id "
    "AND +e.kind = 'redeemed' ORDER BY e.on_date, e.id LIMIT 1), ''), "
    "coalesce((SELECT e.structure FROM cheque_events e WHERE e.cheque_id = c.id AND +e.kind = 'given' "
    "ORDER BY e.on_date, e.id LIMIT 1), '') "
    "FROM pass_cheques c LEFT JOIN pass_booklets b ON b.id = c.booklet_id ";

core::PassCheque readCheque(const Statement& st) {
    core::PassCheque c;
    c.id = st.columnText(0);
    c.bookletId = st.columnText(1);
    c.number = st.columnInt(2);
    c.faceValueCents = static_cast<int>(st.columnInt(3));
    c.expiry = st.columnText(4);
    c.state = core::chequeStateFrom(st.columnText(5)).value_or(core::ChequeState::InStock);
    c.learnerId = st.columnText(6);
    c.givenOn = st.columnText(7);
    c.redeemedOn = st.columnText(8);
    c.sessionId = st.columnText(9);
    c.paidOn = st.columnText(10);
    c.syncState = core::syncStateFrom(st.columnText(11));
    c.validYear = static_cast<int>(st.columnInt(12));
    c.funder = st.columnText(13);
    c.cancelledOn = st.columnText(14);
    c.cancelCause = st.columnText(15);
    c.cancelReason = st.columnText(16);
    // The first redemption's service and structure, in one look-up.
    const auto redemption = st.columnText(17);
    const auto unit = redemption.find('\x1f');
    c.service = redemption.substr(0, unit);
    if (unit != std::string::npos) c.redeemedAt = redemption.substr(unit + 1);
    c.givenBy = st.columnText(18);
    return c;
}

std::string selectBooklets(const RecordRows& rows, const std::string& rest) {
    return "SELECT id, " + rows.selectList("b") + " FROM pass_booklets b " + rest;
}
}  // namespace

void issueCheques(Database& db, const core::PassBooklet& b, const std::string& syncState) {
    db.prepare("UPDATE pass_cheques SET booklet_id = ? WHERE booklet_id IS NULL AND number BETWEEN ? AND ?")
        .bind(1, b.id).bind(2, b.firstNumber).bind(3, b.lastNumber).run();
    auto cheque = db.prepare("INSERT INTO pass_cheques (id, booklet_id, number, state, sync_state) "
                             "SELECT ?1, ?2, ?3, 'in_stock', ?4 "
                             "WHERE NOT EXISTS (SELECT 1 FROM pass_cheques WHERE number = ?3)");
    for (auto n = b.firstNumber; n <= b.lastNumber; ++n) {
        cheque.bind(1, b.id + "#" + std::to_string(n)).bind(2, b.id).bind(3, n).bind(4, syncState).run();
        cheque.reset();
    }
}

std::string localChequeFor(Database& db, const std::string& chequeId, std::int64_t number, int validYear) {
    auto byId = db.prepare("SELECT id FROM pass_cheques WHERE id = ?");
    byId.bind(1, chequeId);
    if (byId.step()) return chequeId;
    auto byNumber = db.prepare("SELECT id FROM pass_cheques WHERE number = ?");
    byNumber.bind(1, number);
    if (byNumber.step()) return byNumber.columnText(0);
    if (number <= 0 || chequeId.empty()) return chequeId;  // nothing to file it under: the insert refuses it
    db.prepare("INSERT INTO pass_cheques (id, booklet_id, number, state, valid_year, sync_state) "
               "VALUES (?, NULL, ?, 'in_stock', ?, 'synced')")
        .bind(1, chequeId).bind(2, number).bind(3, std::int64_t{validYear}).run();
    return chequeId;
}

void PassRepository::insertBooklet(const core::PassBooklet& b) {
    // The cheques come with it (applyRecordEffects), as on every laptop that pulls it.
    RecordWriter(m_db, m_outbox).create("pass_booklet", b.id, sync::toWire(b));
}

std::optional<core::PassBooklet> PassRepository::overlapping(std::int64_t first, std::int64_t last) {
    RecordRows rows(m_db, "pass_booklet");
    auto st = m_db.prepare(selectBooklets(rows, "WHERE first_number <= ? AND last_number >= ? LIMIT 1"));
    st.bind(1, last).bind(2, first);
    if (!st.step()) return std::nullopt;
    return readRecord<core::PassBooklet>(rows, st);
}

std::vector<core::PassBooklet> PassRepository::booklets() {
    RecordRows rows(m_db, "pass_booklet");
    auto st = m_db.prepare(selectBooklets(rows, "ORDER BY received_on DESC, first_number"));
    std::vector<core::PassBooklet> out;
    while (st.step()) out.push_back(readRecord<core::PassBooklet>(rows, st));
    return out;
}

std::optional<core::PassCheque> PassRepository::findByNumber(std::int64_t number) {
    auto st = m_db.prepare(std::string(kSelectCheque) + "WHERE c.number = ?");
    st.bind(1, number);
    if (!st.step()) return std::nullopt;
    return readCheque(st);
}

void PassRepository::insertUnlistedCheque(const std::string& id, std::int64_t number, int validYear,
                                          const std::string& syncState) {
    m_db.prepare("INSERT INTO pass_cheques (id, booklet_id, number, state, valid_year, sync_state) "
                 "VALUES (?, NULL, ?, 'in_stock', ?, ?)")
        .bind(1, id).bind(2, number).bind(3, std::int64_t{validYear}).bind(4, syncState).run();
}

void PassRepository::recordEvent(const core::PassCheque& c, const std::string& kind, const std::string& onDate,
                                 int amountCents) {
    m_db.prepare("UPDATE pass_cheques SET state=?, learner_id=?, given_on=?, session_id=?, redeemed_on=?, "
                 "paid_on=?, cancelled_on=?, cancel_cause=?, cancel_reason=?, sync_state='pending' WHERE id=?")
        .bind(1, core::toString(c.state)).bindOptional(2, c.learnerId).bind(3, c.givenOn)
        .bindOptional(4, c.sessionId).bind(5, c.redeemedOn).bind(6, c.paidOn).bind(7, c.cancelledOn)
        .bind(8, c.cancelCause).bind(9, c.cancelReason).bind(10, c.id)
        .run();
    core::ChequeEvent event;
    event.id = core::newUuidV7();
    event.chequeId = c.id;
    event.number = c.number;
    event.kind = kind;
    event.learnerId = c.learnerId;
    event.sessionId = c.sessionId;
    event.onDate = onDate;
    if (kind == "redeemed") event.service = c.service;
    if (kind == "cancelled") {
        event.cause = c.cancelCause;
        event.reason = c.cancelReason;
    }
    if (kind == "paid") event.amountCents = amountCents;
    // A cheque of another structure's booklet carries the validity year typed from it, for the hub and its owner.
    if (!c.hasBooklet()) event.validYear = c.validYear;
    auto wire = sync::toWire(event);
    RecordRows(m_db, "cheque_event").insert(event.id, wire, {{"created_at", core::nowUtc()}}, Origin::ThisLaptop);
    m_outbox.append("cheque_event", event.id, "create", wire);
}

std::vector<core::PassCheque> PassRepository::forLearner(const std::string& learnerId) {
    auto st = m_db.prepare(std::string(kSelectCheque) + "WHERE c.learner_id = ? ORDER BY c.number");
    st.bind(1, learnerId);
    std::vector<core::PassCheque> out;
    while (st.step()) out.push_back(readCheque(st));
    return out;
}

std::string PassRepository::listStatement() {
    return std::string(kSelectCheque) + "WHERE c.state = ? ORDER BY c.number LIMIT ? OFFSET ?";
}

std::vector<core::PassCheque> PassRepository::list(const std::string& state, int limit, int offset) {
    auto st = state.empty() ? m_db.prepare(std::string(kSelectCheque) + "ORDER BY c.number LIMIT ? OFFSET ?")
                            : m_db.prepare(listStatement());
    int i = 1;
    if (!state.empty()) st.bind(i++, state);
    st.bind(i, limit);
    st.bind(i + 1, offset);
    std::vector<core::PassCheque> out;
    while (st.step()) out.push_back(readCheque(st));
    return out;
}

void PassRepository::forEach(const std::function<void(const core::PassCheque&)>& visit) {
    auto st = m_db.prepare(std::string(kSelectCheque) + "ORDER BY c.number");
    while (st.step()) visit(readCheque(st));
}

ChequeStock PassRepository::stock(const std::string& today, const core::pass_rules::ValidityPolicy& policy) {
    // The counts per booklet and state are kept by triggers (schema 15), then expiry is applied per booklet:
    // counting the cheques at each read took 15 ms on 50,000 of them.
    auto st = m_db.prepare(
        "SELECT b.expiry, s.state, s.n, b.valid_year FROM pass_booklets b "
        "JOIN pass_stock s ON s.booklet_id = b.id WHERE s.n > 0");
    const std::string soon = core::addDays(today, policy.warnDays);
    ChequeStock s;
    while (st.step()) {
        // A cheque in a learner's hands may still be redeemed in the grace period; one in stock may not be given.
        core::PassCheque probe;
        probe.expiry = st.columnText(0);
        probe.validYear = static_cast<int>(st.columnInt(3));
        const auto state = core::chequeStateFrom(st.columnText(1)).value_or(core::ChequeState::InStock);
        const std::string expiry = state == core::ChequeState::InStock ? core::pass_rules::givableUntil(probe)
                                                                       : core::pass_rules::redeemableUntil(probe, policy);
        const std::int64_t n = st.columnInt(2);
        s.received += n;
        const bool open = state == core::ChequeState::InStock || state == core::ChequeState::Given;
        if (open && expiry < today) {
            s.expired += n;
            continue;
        }
        if (open && expiry <= soon) s.expiringSoon += n;
        switch (state) {
            case core::ChequeState::InStock: s.inStock += n; break;
            case core::ChequeState::Given: s.given += n; break;
            case core::ChequeState::Redeemed: s.redeemed += n; break;
            case core::ChequeState::Paid: s.paid += n; break;
            case core::ChequeState::Cancelled: s.cancelled += n; break;
        }
    }
    return s;
}

std::vector<MonthlyChequeUse> PassRepository::monthlyUse(int months) {
    auto st = m_db.prepare(
        "SELECT month, given, redeemed, paid FROM cheque_use_months WHERE events > 0 ORDER BY month DESC LIMIT ?");
    st.bind(1, months);
    std::vector<MonthlyChequeUse> out;
    while (st.step()) out.push_back({st.columnText(0), st.columnInt(1), st.columnInt(2), st.columnInt(3)});
    return out;
}

std::int64_t PassRepository::count() { return keptRowCount(m_db, "pass_cheques"); }

}  // namespace mediane::store
