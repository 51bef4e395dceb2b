#include "sync/client/published_vocabularies.hpp"

#include <atomic>

#include "store/database.hpp"
#include "store/local_settings.hpp"

namespace mediane::sync {

namespace {
constexpr const char* kDocumentKey = "pulled_vocabularies";
constexpr const char* kVersionKey = "pulled_vocabularies_version";

std::atomic<std::uint64_t> g_generation{1};

int parseVersion(const std::string& text) {
    try {
        return text.empty() ? 0 : std::stoi(text);
    } catch (const std::exception&) {
        return 0;
    }
}
}  // namespace

int pulledVocabularyVersion(store::Database& db) { return parseVersion(store::LocalSettings(db).get(kVersionKey)); }

std::optional<PulledVocabularies> loadPulledVocabularies(store::Database& db) {
    store::LocalSettings settings(db);
    int version = parseVersion(settings.get(kVersionKey));
    if (version <= 0) return std::nullopt;
    return PulledVocabularies{version, settings.get(kDocumentKey)};
}

void savePulledVocabularies(store::Database& db, const PulledVocabularies& pulled) {
    {
        store::Transaction tx(db);
        store::LocalSettings settings(db);
        settings.set(kDocumentKey, pulled.document);
        settings.set(kVersionKey, std::to_string(pulled.version));
        tx.commit();
    }
    g_generation.fetch_add(1);
}

std::uint64_t pulledVocabulariesGeneration() { return g_generation.load(); }

}  // namespace mediane::sync
