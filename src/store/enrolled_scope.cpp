#include "store/enrolled_scope.hpp"

#include "store/database.hpp"

namespace mediane::store {

std::optional<EnrolledScope> enrolledScope(Database& db) {
    auto st = db.prepare("SELECT login, role, structure, hub_url FROM sync_account WHERE id = 1");
    if (!st.step()) return std::nullopt;
    return EnrolledScope{st.columnText(0), st.columnText(1), st.columnText(2), st.columnText(3)};
}

}  // namespace mediane::store
