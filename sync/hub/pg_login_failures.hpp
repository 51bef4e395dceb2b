// Failed sign-ins in the PostgreSQL database, shared by every hub process serving it.
#pragma once

#include <memory>
#include <string>

#include <pqxx/pqxx>

#include "sync/hub/login_throttle.hpp"

namespace mediane::hub {

// On a connection of its own: the throttle is asked before the store is, outside the store's lock. Called under
// the throttle's lock, one call at a time. Idle keys are deleted as failures come, which bounds the table.
class PgLoginFailures final : public SharedFailures {
public:
    explicit PgLoginFailures(const std::string& connection);
    int addFailure(const std::string& key, std::int64_t now, std::int64_t forgetAfter) override;
    void lockUntil(const std::string& key, std::int64_t until) override;
    std::int64_t lockedUntil(const std::string& first, const std::string& second) override;
    void forget(const std::string& key) override;

private:
    std::unique_ptr<pqxx::connection> m_conn;
};

}  // namespace mediane::hub
