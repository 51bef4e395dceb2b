// Notebook: the Pass numérique booklets and cheques.
#include "app/notebook.hpp"

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/pass_rules.hpp"
#include "core/uuid.hpp"
#include "store/sync_account_store.hpp"

#include <algorithm>

namespace mediane::app {

core::PassBooklet Notebook::receiveBooklet(core::PassBooklet draft) {
    // A booklet of a validity year is valid to 31/12 of that year (the grace month is for redeeming only).
    if (draft.validYear != 0 && draft.expiry.empty() && core::pass_rules::isValidYear(draft.validYear))
        draft.expiry = core::pass_rules::endOfYear(draft.validYear);
    // An enrolled laptop receives booklets for its own structure (the hub accepts no other).
    if (draft.structure.empty())
        if (auto account = store::SyncAccountStore(*m_db).load()) draft.structure = account->structure;
    // A booklet is valid for its funder's year: without one (and without an end date of an older booklet) the
    // year is what is missing, not a date the form does not ask for.
    if (draft.validYear == 0 && draft.expiry.empty())
        throw validationError("err.valid_year", "booklet.valid_year",
                              {{"min", std::to_string(core::pass_rules::kMinValidYear)},
                               {"max", std::to_string(core::pass_rules::kMaxValidYear)}});
    core::pass_rules::checkBooklet(draft);
    if (auto other = m_pass.overlapping(draft.firstNumber, draft.lastNumber))
        throw Error(Error::Kind::Refused, "err.booklet_overlap",
                    {{"first", std::to_string(other->firstNumber)}, {"last", std::to_string(other->lastNumber)}},
                    "booklet.first_number");
    draft.id = core::newUuidV7();
    store::Transaction tx(*m_db);
    m_pass.insertBooklet(draft);
    tx.commit();
    return draft;
}

core::PassCheque Notebook::existingCheque(std::int64_t number) {
    auto cheque = m_pass.findByNumber(number);
    if (!cheque)
        throw Error(Error::Kind::NotFound, "err.cheque_unknown", {{"number", std::to_string(number)}}, "cheque");
    return *cheque;
}

namespace {
// The id of a cheque no local booklet covers: derived from its number alone, so that every laptop that sees it
// without its booklet names it alike; the hub matches redemptions by number (numbers are unique nationally).
std::string unlistedChequeId(std::int64_t number) { return "pass#" + std::to_string(number); }
}  // namespace

core::PassCheque Notebook::chequeForRedemption(std::int64_t number, const std::string& onDate, int validYear) {
    auto found = m_pass.findByNumber(number);
    core::PassCheque cheque;
    if (found) {
        cheque = *found;
        // Seen here before without its booklet: the year typed now is the one that counts if none was known.
        if (!cheque.hasBooklet() && cheque.validYear == 0) cheque.validYear = validYear;
    } else {
        // Another structure's cheque: its validity comes from the year typed from it.
        if (validYear == 0)
            throw Error(Error::Kind::NotFound, "err.cheque_unknown_needs_year", {{"number", std::to_string(number)}},
                        "cheque.valid_year");
        core::pass_rules::checkUnlistedCheque(number, validYear);
        cheque.id = unlistedChequeId(number);
        cheque.number = number;
        cheque.validYear = validYear;
    }
    if (!cheque.hasBooklet() && cheque.validYear == 0)
        throw Error(Error::Kind::NotFound, "err.cheque_unknown_needs_year", {{"number", std::to_string(number)}},
                    "cheque.valid_year");
    if (auto profile = passProfile(); profile && !profile->qualifiedPlace)
        throw Error(Error::Kind::Refused, "err.pass_not_qualified_place", {{"number", std::to_string(number)}}, "cheque");
    core::pass_rules::checkCanRedeem(cheque, onDate, validityPolicy());
    return cheque;
}

ChequeVerdict Notebook::checkCheque(std::int64_t number, const std::string& onDate, int validYear) {
    ChequeVerdict v;
    v.number = number;
    auto found = m_pass.findByNumber(number);
    v.known = found.has_value();
    if (found) v.cheque = *found;
    try {
        auto cheque = chequeForRedemption(number, onDate, validYear);
        v.redeemable = true;
        v.redeemableUntil = core::pass_rules::redeemableUntil(cheque, validityPolicy());
    } catch (const Error& e) {
        v.reasonKey = e.key();
        v.reasonParams = e.params();
        if (v.cheque && (v.cheque->hasBooklet() || v.cheque->validYear > 0))
            v.redeemableUntil = core::pass_rules::redeemableUntil(*v.cheque, validityPolicy());
    }
    return v;
}

core::PassCheque Notebook::redeemInSession(std::int64_t number, const std::string& sessionId, int validYear,
                                           const std::string& service) {
    auto session = m_sessions.find(sessionId);
    if (!session) throw Error(Error::Kind::NotFound, "err.session_unknown", {{"id", sessionId}}, "cheque.session");
    // As when a session is recorded with its cheques: a cheque pays for a person's accompaniment.
    if (session->learnerIds.empty())
        throw Error(Error::Kind::Validation, "err.cheque_needs_learner", {}, "session.cheques");
    auto cheque = chequeForRedemption(number, session->date, validYear);
    cheque.service = serviceForRedemption(service);
    const bool unlisted = !m_pass.findByNumber(number).has_value();
    cheque.state = core::ChequeState::Redeemed;
    cheque.sessionId = session->id;
    cheque.redeemedOn = session->date;
    if (cheque.learnerId.empty() && !session->learnerIds.empty()) cheque.learnerId = session->learnerIds.front();
    store::Transaction tx(*m_db);
    if (unlisted) m_pass.insertUnlistedCheque(cheque.id, cheque.number, cheque.validYear);
    m_pass.recordEvent(cheque, "redeemed", session->date);
    tx.commit();
    return *m_pass.findByNumber(number);
}

std::vector<core::PassCheque> Notebook::cancelCheques(std::int64_t first, std::int64_t last, const std::string& cause,
                                                      const std::string& reason, const std::string& onDate) {
    if (!core::isIsoDate(onDate)) throw validationError("err.date_invalid", "cancel.date");
    if (first <= 0) throw validationError("err.cheque_number", "cancel.cheque");
    if (last < first) throw validationError("err.booklet_range", "cancel.to");
    if (last - first + 1 > core::pass_rules::kMaxCancelRange)
        throw validationError("err.booklet_too_large", "cancel.to",
                              {{"max", std::to_string(core::pass_rules::kMaxCancelRange)}});
    core::pass_rules::checkCancelReason(cause, reason);
    // Every cheque is checked before any is written: a range is cancelled whole or not at all.
    std::vector<core::PassCheque> cheques;
    for (auto n = first; n <= last; ++n) {
        auto cheque = existingCheque(n);
        core::pass_rules::checkCanCancel(cheque);
        cheques.push_back(std::move(cheque));
    }
    store::Transaction tx(*m_db);
    for (auto& c : cheques) {
        c.state = core::ChequeState::Cancelled;
        c.cancelledOn = onDate;
        c.cancelCause = cause;
        c.cancelReason = reason;
        m_pass.recordEvent(c, "cancelled", onDate);
    }
    tx.commit();
    return cheques;
}

std::optional<Error> Notebook::givingWarning(std::int64_t number, const std::string& onDate) {
    auto cheque = m_pass.findByNumber(number);
    if (!cheque) return std::nullopt;
    return core::pass_rules::givingWarning(*cheque, onDate, validityPolicy());
}

core::pass_rules::ValidityPolicy Notebook::validityPolicy() { return store::validityPolicyOf(*m_db); }

void Notebook::setGraceDays(int days) {
    if (days < 0 || days > core::pass_rules::ValidityPolicy::kMaxGraceDays)
        throw validationError("err.grace_days", "settings.grace_days",
                              {{"max", std::to_string(core::pass_rules::ValidityPolicy::kMaxGraceDays)}});
    m_settings.set("pass.grace_days", std::to_string(days));
}

core::PassCheque Notebook::giveCheque(std::int64_t number, const std::string& learnerId, const std::string& onDate) {
    if (!core::isIsoDate(onDate)) throw validationError("err.date_invalid", "cheque.date");
    auto cheque = existingCheque(number);
    if (auto profile = passProfile(); profile && !profile->distributor)
        throw Error(Error::Kind::Refused, "err.pass_not_distributor", {{"number", std::to_string(number)}}, "cheque");
    core::pass_rules::checkCanGive(cheque, learnerId, onDate);
    if (!m_learners.find(learnerId))
        throw Error(Error::Kind::NotFound, "err.learner_unknown", {{"id", learnerId}}, "cheque.learner");
    cheque.state = core::ChequeState::Given;
    cheque.learnerId = learnerId;
    cheque.givenOn = onDate;
    store::Transaction tx(*m_db);
    m_pass.recordEvent(cheque, "given", onDate);
    tx.commit();
    return cheque;
}

std::vector<core::PassCheque> Notebook::payCheques(const std::vector<ChequePayment>& payments) {
    // Every cheque is checked before any is written: a payment is recorded whole or not at all.
    auto ledger = passLedger();
    std::vector<core::PassCheque> cheques;
    for (const auto& p : payments) {
        if (!core::isIsoDate(p.paidOn)) throw validationError("err.date_invalid", "payment.paid_on");
        if (p.amountCents <= 0) throw validationError("err.payment_amount", "payment.amount_cents");
        auto cheque = existingCheque(p.number);
        core::pass_rules::checkCanPay(cheque);
        if (!ledger.redeemedHere(cheque.id))
            throw Error(Error::Kind::Refused, "err.cheque_redeemed_elsewhere", {{"number", std::to_string(p.number)}},
                        "cheque");
        for (const auto& other : cheques)
            if (other.number == p.number)
                throw Error(Error::Kind::Refused, "err.payment_listed_twice", {{"number", std::to_string(p.number)}},
                            "cheque");
        cheque.state = core::ChequeState::Paid;
        cheque.paidOn = p.paidOn;
        cheques.push_back(std::move(cheque));
    }
    store::Transaction tx(*m_db);
    for (std::size_t i = 0; i < cheques.size(); ++i)
        m_pass.recordEvent(cheques[i], "paid", cheques[i].paidOn, payments[i].amountCents);
    tx.commit();
    return cheques;
}

std::vector<core::PassBooklet> Notebook::booklets() { return m_pass.booklets(); }
std::vector<core::PassCheque> Notebook::cheques(const std::string& state, int limit, int offset) {
    return m_pass.list(state, limit, offset);
}
store::ChequeStock Notebook::chequeStock(const std::string& today) { return m_pass.stock(today, validityPolicy()); }
std::vector<store::MonthlyChequeUse> Notebook::chequeUsePerMonth(int months) { return m_pass.monthlyUse(months); }

}  // namespace mediane::app
