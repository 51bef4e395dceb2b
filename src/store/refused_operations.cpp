#include "store/refused_operations.hpp"

#include "store/database.hpp"

namespace mediane::store {

RefusedOperation splitRefusal(const std::string& stored) {
    RefusedOperation r;
    auto colon = stored.find(": ");
    std::string head = stored.substr(0, colon);
    // A code is one word of lower-case letters and underscores; anything else is the message itself.
    bool isCode = !head.empty() && head.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos;
    if (isCode) {
        r.reason = head;
        r.message = colon == std::string::npos ? "" : stored.substr(colon + 2);
    } else {
        r.message = stored;
    }
    return r;
}

std::int64_t RefusedOperations::count() { return m_db.scalarInt("SELECT count(*) FROM outbox WHERE state = 'error'"); }

std::int64_t RefusedOperations::heldBack() {
    return m_db.scalarInt(
        "SELECT count(*) FROM outbox o WHERE o.state = 'pending' AND EXISTS "
        "(SELECT 1 FROM outbox e WHERE e.record_id = o.record_id AND e.state = 'error' AND e.seq < o.seq)");
}

std::vector<RefusedOperation> RefusedOperations::list(int limit) {
    auto st = m_db.prepare(
        "SELECT seq, op_id, entity, record_id, op, error FROM outbox WHERE state = 'error' ORDER BY seq LIMIT ?");
    st.bind(1, limit);
    std::vector<RefusedOperation> out;
    while (st.step()) {
        auto r = splitRefusal(st.columnText(5));
        r.seq = st.columnInt(0);
        r.opId = st.columnText(1);
        r.entity = st.columnText(2);
        r.recordId = st.columnText(3);
        r.op = st.columnText(4);
        out.push_back(std::move(r));
    }
    return out;
}

}  // namespace mediane::store
