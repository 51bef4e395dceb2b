#include "store/pass_ledger.hpp"

#include <algorithm>
#include <map>

#include "core/calendar.hpp"
#include "store/database.hpp"
#include "store/enrolled_scope.hpp"
#include "store/local_settings.hpp"

namespace mediane::store {

namespace {
// A redemption event e is « here » when its session is one of this structure's (?mine; '' = every session).
// Another structure's redemption pulled for our cheque has no session here (the hub does not send it), or a
// session of that structure on a coordinator's laptop.
constexpr const char* kHere = "(s.id IS NOT NULL AND (?1 = '' OR s.structure IN ('', ?1)))";

core::ChequeState stateOf(const std::string& text) {
    return core::chequeStateFrom(text).value_or(core::ChequeState::InStock);
}

// A booklet's validity as a cheque of it carries it, for the rules that judge a cheque's end.
core::PassCheque probeOf(const std::string& expiry, int validYear) {
    core::PassCheque probe;
    probe.expiry = expiry;
    probe.validYear = validYear;
    return probe;
}
}  // namespace

core::pass_rules::ValidityPolicy validityPolicyOf(Database& db) {
    core::pass_rules::ValidityPolicy policy;
    // The structure's grace period, set on the hub, is the scheme's rule for all its laptops: the account's
    // structure, or the one profile a notebook never enrolled holds (a coordinator's laptop holds several, and
    // follows none). This laptop's own setting only stands in while there is none.
    std::string structure;
    if (auto scope = enrolledScope(db)) {
        structure = scope->structure;
    } else {
        auto st = db.prepare("SELECT structure FROM pass_profiles LIMIT 2");
        std::vector<std::string> found;
        while (st.step()) found.push_back(st.columnText(0));
        if (found.size() == 1) structure = found.front();
    }
    if (!structure.empty()) {
        auto profile = db.prepare("SELECT grace_days FROM pass_profiles WHERE structure = ? ORDER BY id LIMIT 1");
        profile.bind(1, structure);
        if (profile.step()) {
            policy.graceDays = std::clamp(static_cast<int>(profile.columnInt(0)), 0,
                                          core::pass_rules::ValidityPolicy::kMaxGraceDays);
            return policy;
        }
    }
    const auto text = LocalSettings(db).get("pass.grace_days");
    if (!text.empty() && text.size() < 5 && text.find_first_not_of("0123456789") == std::string::npos)
        policy.graceDays = std::min(std::stoi(text), core::pass_rules::ValidityPolicy::kMaxGraceDays);
    return policy;
}

std::string PassLedger::ownStructure() {
    auto scope = enrolledScope(m_db);
    return scope ? scope->structure : std::string();
}

std::vector<StatementLine> PassLedger::statement(const std::string& month) {
    // min() picks, per cheque, its first redemption here; SQLite reads the other bare columns from that row.
    auto st = m_db.prepare(
        std::string("SELECT c.number, coalesce(b.face_value_cents, 0), e.service, min(e.on_date), "
                    "coalesce(p.name, ''), CASE WHEN s.structure <> '' THEN s.structure "
                    "WHEN e.structure <> '' THEN e.structure ELSE ?1 END, c.state "
                    "FROM cheque_events e JOIN pass_cheques c ON c.id = e.cheque_id "
                    "LEFT JOIN pass_booklets b ON b.id = c.booklet_id "
                    "LEFT JOIN sessions s ON s.id = e.session_id "
                    "LEFT JOIN places p ON p.id = s.place_id "
                    "WHERE e.kind = 'redeemed' AND e.on_date >= ?2 AND e.on_date <= ?3 AND ") +
        kHere + " GROUP BY c.id ORDER BY c.number");
    st.bind(1, ownStructure()).bind(2, month + "-01").bind(3, month + "-31");
    std::vector<StatementLine> out;
    while (st.step()) {
        StatementLine line;
        line.number = st.columnInt(0);
        line.faceValueCents = st.columnInt(1);
        line.service = st.columnText(2);
        line.redeemedOn = st.columnText(3);
        line.place = st.columnText(4);
        line.structure = st.columnText(5);
        line.state = stateOf(st.columnText(6));
        out.push_back(std::move(line));
    }
    return out;
}

bool PassLedger::redeemedHere(const std::string& chequeId) {
    auto st = m_db.prepare(std::string("SELECT 1 FROM cheque_events e LEFT JOIN sessions s ON s.id = e.session_id "
                                       "WHERE e.cheque_id = ?2 AND +e.kind = 'redeemed' AND ") +
                           kHere + " LIMIT 1");
    st.bind(1, ownStructure()).bind(2, chequeId);
    return st.step();
}

std::vector<std::string> PassLedger::funders() {
    auto st = m_db.prepare("SELECT DISTINCT funder FROM pass_booklets ORDER BY funder");
    std::vector<std::string> out;
    while (st.step()) out.push_back(st.columnText(0));
    return out;
}

std::vector<UnusedCheque> PassLedger::unused(const std::string& funder, const std::string& today,
                                             const core::pass_rules::ValidityPolicy& policy) {
    // A booklet's cheques share its end, so the booklets whose end is past are found first, then their cheques.
    auto booklets = m_db.prepare("SELECT id, expiry, valid_year, face_value_cents FROM pass_booklets "
                                 "WHERE funder = ? ORDER BY first_number");
    booklets.bind(1, funder);
    auto cheques = m_db.prepare("SELECT number, state FROM pass_cheques WHERE booklet_id = ? "
                                "AND state IN ('in_stock', 'given', 'cancelled') ORDER BY number");
    std::vector<UnusedCheque> out;
    while (booklets.step()) {
        const int year = static_cast<int>(booklets.columnInt(2));
        const auto until = core::pass_rules::redeemableUntil(probeOf(booklets.columnText(1), year), policy);
        if (until.empty() || until >= today) continue;
        cheques.bind(1, booklets.columnText(0));
        while (cheques.step())
            out.push_back({cheques.columnInt(0), booklets.columnInt(3), year, until, stateOf(cheques.columnText(1))});
        cheques.reset();
    }
    return out;
}

std::vector<FunderPass> PassLedger::perFunder(const std::string& from, const std::string& to,
                                              const std::string& today,
                                              const core::pass_rules::ValidityPolicy& policy) {
    std::map<std::string, FunderPass> funders;
    auto funderPass = [&](const std::string& name) -> FunderPass& {
        auto& f = funders[name];
        f.funder = name;
        return f;
    };
    // One pass over the period's events. A payment counts for a cheque redeemed here; a redemption elsewhere
    // only for a cheque of this structure's booklets (a coordinator's laptop holds other structures' too).
    auto months = m_db.prepare(
        std::string("SELECT coalesce(b.funder, ''), substr(e.on_date, 1, 7) AS m, sum(e.kind = 'given'), "
                    "sum(e.kind = 'redeemed' AND ") + kHere + "), "
        "sum(e.kind = 'redeemed' AND NOT " + kHere + " AND b.id IS NOT NULL AND (?1 = '' OR b.structure = ?1)), "
        "sum(e.kind = 'paid' AND EXISTS (SELECT 1 FROM cheque_events r JOIN sessions rs ON rs.id = r.session_id "
        "    WHERE r.cheque_id = e.cheque_id AND +r.kind = 'redeemed' AND (?1 = '' OR rs.structure IN ('', ?1)))), "
        "sum(e.kind = 'redeemed' AND c.state = 'redeemed' AND " + kHere + ") "
        "FROM cheque_events e JOIN pass_cheques c ON c.id = e.cheque_id "
        "LEFT JOIN pass_booklets b ON b.id = c.booklet_id LEFT JOIN sessions s ON s.id = e.session_id "
        "WHERE e.on_date >= ?2 AND e.on_date <= ?3 GROUP BY 1, 2 ORDER BY 1, 2");
    months.bind(1, ownStructure()).bind(2, from).bind(3, to.empty() ? std::string("9999-12-31") : to);
    while (months.step()) {
        FunderMonth m{months.columnText(1), months.columnInt(2), months.columnInt(3), months.columnInt(4),
                      months.columnInt(5), months.columnInt(6)};
        if (m.given + m.redeemedHere + m.redeemedElsewhere + m.paid + m.unpaid == 0) continue;
        auto& f = funderPass(months.columnText(0));
        f.total.given += m.given;
        f.total.redeemedHere += m.redeemedHere;
        f.total.redeemedElsewhere += m.redeemedElsewhere;
        f.total.paid += m.paid;
        f.total.unpaid += m.unpaid;
        f.months.push_back(std::move(m));
    }

    // Per booklet and state, as the stock is counted (pass_cheques_by_booklet answers it without reading rows).
    auto open = m_db.prepare(
        "SELECT b.funder, b.expiry, b.valid_year, c.state, count(*) FROM pass_booklets b "
        "JOIN pass_cheques c ON c.booklet_id = b.id WHERE c.state IN ('in_stock', 'given', 'cancelled') "
        "GROUP BY b.id, c.state");
    const std::string soon = core::addDays(today, 30);
    while (open.step()) {
        const auto until = core::pass_rules::redeemableUntil(
            probeOf(open.columnText(1), static_cast<int>(open.columnInt(2))), policy);
        if (until.empty()) continue;
        const bool cancelled = open.columnText(3) == "cancelled";
        const std::int64_t n = open.columnInt(4);
        if (until < today) funderPass(open.columnText(0)).unused += n;
        else if (!cancelled && until <= soon) funderPass(open.columnText(0)).expiring += n;
    }

    std::vector<FunderPass> out;
    for (auto& [name, f] : funders) out.push_back(std::move(f));
    return out;
}

}  // namespace mediane::store
