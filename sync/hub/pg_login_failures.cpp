#include "sync/hub/pg_login_failures.hpp"

#include "core/error.hpp"

namespace mediane::hub {

PgLoginFailures::PgLoginFailures(const std::string& connection) {
    try {
        m_conn = std::make_unique<pqxx::connection>(connection);
    } catch (const std::exception& e) {
        throw Error(Error::Kind::Storage, "err.hub.storage", {{"what", "connect"}, {"detail", e.what()}});
    }
}

int PgLoginFailures::addFailure(const std::string& key, std::int64_t now, std::int64_t forgetAfter) {
    pqxx::work tx(*m_conn);
    tx.exec_params("DELETE FROM login_failures WHERE last_failure < $1::bigint - $2::bigint AND locked_until <= $1::bigint",
                   now, forgetAfter);
    // A key idle for longer than forgetAfter starts again from one, unlocked, as the in-memory throttle does.
    auto count = tx.exec_params(
                       "INSERT INTO login_failures (key, failures, last_failure) VALUES ($1, 1, $2) ON CONFLICT (key) DO "
                       "UPDATE SET failures = CASE WHEN $2::bigint - login_failures.last_failure > $3::bigint THEN 1 "
                       "ELSE login_failures.failures + 1 END, locked_until = CASE WHEN $2::bigint - "
                       "login_failures.last_failure > $3::bigint THEN 0 ELSE login_failures.locked_until END, "
                       "last_failure = $2 RETURNING failures",
                       key, now, forgetAfter)[0][0]
                     .as<int>();
    tx.commit();
    return count;
}

void PgLoginFailures::lockUntil(const std::string& key, std::int64_t until) {
    pqxx::nontransaction tx(*m_conn);
    tx.exec_params("UPDATE login_failures SET locked_until = greatest(locked_until, $2) WHERE key = $1", key, until);
}

std::int64_t PgLoginFailures::lockedUntil(const std::string& first, const std::string& second) {
    pqxx::nontransaction tx(*m_conn);
    return tx.exec_params("SELECT coalesce(max(locked_until), 0) FROM login_failures WHERE key IN ($1, $2)", first,
                          second)[0][0]
        .as<std::int64_t>();
}

void PgLoginFailures::forget(const std::string& key) {
    pqxx::nontransaction tx(*m_conn);
    tx.exec_params("DELETE FROM login_failures WHERE key = $1", key);
}

}  // namespace mediane::hub
