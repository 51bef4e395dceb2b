#include "store/outbox.hpp"
#include "store/outbox_operation.hpp"

#include "core/calendar.hpp"
#include "core/uuid.hpp"
#include "store/database.hpp"

namespace mediane::store {

namespace {
OutboxOperation read(const Statement& st) {
    OutboxOperation o;
    o.seq = st.columnInt(0);
    o.opId = st.columnText(1);
    o.entity = st.columnText(2);
    o.recordId = st.columnText(3);
    o.op = st.columnText(4);
    o.baseVersion = static_cast<int>(st.columnInt(5));
    o.fields = nlohmann::json::parse(st.columnText(6));
    o.hlc = st.columnText(7);
    o.createdAt = st.columnText(8);
    o.state = st.columnText(9);
    o.error = st.columnText(10);
    return o;
}
constexpr const char* kColumns =
    "SELECT seq, op_id, entity, record_id, op, base_version, fields, hlc, created_at, state, error FROM outbox ";
}  // namespace

void Outbox::append(const std::string& entity, const std::string& recordId, const std::string& op,
                    const nlohmann::json& fields, int baseVersion) {
    m_db.prepare("INSERT INTO outbox (op_id, entity, record_id, op, base_version, fields, hlc, created_at) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        .bind(1, core::newUuidV7())
        .bind(2, entity)
        .bind(3, recordId)
        .bind(4, op)
        .bind(5, baseVersion)
        .bind(6, fields.dump())
        .bind(7, m_clock.tick())
        .bind(8, core::nowUtc())
        .run();
}

// Kept by the outbox's triggers (migration 14): one row, whatever the backlog.
std::int64_t Outbox::pendingCount() { return m_db.scalarInt("SELECT n FROM outbox_waiting WHERE id = 1"); }

std::vector<OutboxOperation> Outbox::pending(int limit) {
    auto st = m_db.prepare(std::string(kColumns) + "WHERE state != 'acked' ORDER BY seq LIMIT ?");
    st.bind(1, limit);
    std::vector<OutboxOperation> out;
    while (st.step()) out.push_back(read(st));
    return out;
}

std::vector<OutboxOperation> Outbox::forRecord(const std::string& recordId) {
    auto st = m_db.prepare(std::string(kColumns) + "WHERE record_id = ? ORDER BY seq");
    st.bind(1, recordId);
    std::vector<OutboxOperation> out;
    while (st.step()) out.push_back(read(st));
    return out;
}

}  // namespace mediane::store
