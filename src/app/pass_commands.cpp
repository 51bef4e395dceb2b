// Notebook: the Pass numérique booklets and cheques.
#include "app/notebook.hpp"

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/pass_rules.hpp"
#include "core/uuid.hpp"

namespace mediane::app {

core::PassBooklet Notebook::receiveBooklet(core::PassBooklet draft) {
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

core::PassCheque Notebook::chequeForRedemption(std::int64_t number, const std::string& onDate) {
    auto cheque = existingCheque(number);
    core::pass_rules::checkCanRedeem(cheque, onDate);
    return cheque;
}

core::PassCheque Notebook::giveCheque(std::int64_t number, const std::string& learnerId, const std::string& onDate) {
    if (!core::isIsoDate(onDate)) throw validationError("err.date_invalid", "cheque.date");
    auto cheque = existingCheque(number);
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

core::PassCheque Notebook::claimCheque(std::int64_t number, const std::string& onDate) {
    if (!core::isIsoDate(onDate)) throw validationError("err.date_invalid", "cheque.date");
    auto cheque = existingCheque(number);
    core::pass_rules::checkCanClaim(cheque);
    cheque.state = core::ChequeState::Claimed;
    cheque.claimedOn = onDate;
    store::Transaction tx(*m_db);
    m_pass.recordEvent(cheque, "claimed", onDate);
    tx.commit();
    return cheque;
}

std::vector<core::PassBooklet> Notebook::booklets() { return m_pass.booklets(); }
std::vector<core::PassCheque> Notebook::cheques(const std::string& state, int limit, int offset) {
    return m_pass.list(state, limit, offset);
}
store::ChequeStock Notebook::chequeStock(const std::string& today) { return m_pass.stock(today); }
std::vector<store::MonthlyChequeUse> Notebook::chequeUsePerMonth(int months) { return m_pass.monthlyUse(months); }

}  // namespace mediane::app
