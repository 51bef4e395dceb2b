// The newest clock stamp the notebook has written, so a clock set back never stamps an older change.
#pragma once

#include <string>

namespace mediane::store {

class Database;

// "" when nothing was written yet.
std::string lastOutboxStamp(Database& db);

}  // namespace mediane::store
