#include "store/record_counts.hpp"

namespace mediane::store {

std::int64_t keptRowCount(Database& db, std::string_view table) {
    auto st = db.prepare("SELECT n FROM record_counts WHERE tbl = ?");
    st.bind(1, table);
    return st.step() ? st.columnInt(0) : 0;
}

}  // namespace mediane::store
