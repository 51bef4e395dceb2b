// The vocabularies a laptop pulled from its hub, kept in the notebook's local settings for the Notebook to use.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace mediane::store {
class Database;
}

namespace mediane::sync {

struct PulledVocabularies {
    int version = 0;
    std::string document;  // as GET /v1/vocabularies served it (checked by sync::parseVocabularyDocument)
};

// The last document pulled, nullopt before the first.
std::optional<PulledVocabularies> loadPulledVocabularies(store::Database& db);
int pulledVocabularyVersion(store::Database& db);
// Keeps the document (both rows in one transaction) and tells this process's notebooks to read it again.
void savePulledVocabularies(store::Database& db, const PulledVocabularies& pulled);

// Bumped by every save in this process: a Notebook compares it with the value it last read, so the GUI's
// notebook sees what its background sync pulled without querying the file on every frame.
std::uint64_t pulledVocabulariesGeneration();

}  // namespace mediane::sync
