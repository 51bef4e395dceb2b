// A structure's Pass numérique profile and service catalogue in the notebook, as pulled from the hub or edited here.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/model.hpp"

namespace mediane::store {

class Database;
class Outbox;

class PassSettingsRepository {
public:
    PassSettingsRepository(Database& db, Outbox& outbox) : m_db(db), m_outbox(outbox) {}

    std::optional<core::PassProfile> profile(const std::string& structure);
    // Ordered by label; withdrawn services only when asked (a past redemption still names them).
    std::vector<core::PassService> services(const std::string& structure, bool withWithdrawn = false);
    std::optional<core::PassService> service(const std::string& structure, const std::string& code);

    // Inside the caller's Transaction: the record created, or its changed fields updated on the version this
    // laptop holds, with one outbox op; nothing when nothing changed.
    void saveProfile(const core::PassProfile& profile);
    void saveService(const core::PassService& service);
    // As if pulled from the hub (the demo notebook): synced at version 1, no outbox op.
    void keepAsPulled(const core::PassProfile& profile);
    void keepAsPulled(const core::PassService& service);

private:
    template <class Record>
    void save(const char* entity, const Record& record);

    Database& m_db;
    Outbox& m_outbox;
};

}  // namespace mediane::store
