#include "store/last_stamp.hpp"

#include "store/database.hpp"

namespace mediane::store {

std::string lastOutboxStamp(Database& db) {
    auto st = db.prepare("SELECT hlc FROM outbox ORDER BY seq DESC LIMIT 1");
    return st.step() ? st.columnText(0) : std::string();
}

}  // namespace mediane::store
