// How many rows a record table holds, as the triggers of schema 15 keep it (no table scan).
#pragma once

#include <cstdint>
#include <string_view>

#include "store/database.hpp"

namespace mediane::store {

// table: learners, sessions, pass_cheques, places or assessments; always equal to its count(*).
std::int64_t keptRowCount(Database& db, std::string_view table);

}  // namespace mediane::store
