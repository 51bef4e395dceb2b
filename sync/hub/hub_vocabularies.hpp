// The vocabularies the hub speaks: the newest of the asset it shipped with and the last one published.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/vocabulary.hpp"
#include "sync/hub/hub_store.hpp"
#include "sync/protocol/vocabulary_document.hpp"

namespace mediane::hub {

struct CurrentVocabularies {
    int version = 0;                            // 0: the hub knows none (no asset, nothing published)
    std::string document;                       // what GET /v1/vocabularies serves
    core::Vocabularies terms;                   // the same, read: labels for ingest and downgrades
    std::vector<sync::CodeRetirement> retired;  // every retirement published so far, oldest first
    bool published = false;                     // from `vocab publish` rather than the asset
};

// Usage: HubVocabularies vocab(readTextFile(asset));  auto now = vocab.current(store);  // under the store lock
// Another process (`resin-hub vocab publish`) may publish while the hub serves: current() looks at the
// store's newest published version on each call and re-reads the document only when it moved.
class HubVocabularies {
public:
    // The shipped asset's text, "" when the hub has none. Throws mediane::Error when it is not a valid document.
    explicit HubVocabularies(const std::string& shippedDocument);
    std::shared_ptr<const CurrentVocabularies> current(HubStore& store);

private:
    std::mutex m_mutex;
    std::shared_ptr<const CurrentVocabularies> m_shipped;
    std::shared_ptr<const CurrentVocabularies> m_current;
    int m_publishedSeen = -1;
};

// The hub's vocabularies read straight from the store and the asset, for the command line.
std::shared_ptr<const CurrentVocabularies> currentVocabularies(HubStore& store, const std::string& shippedDocument);

}  // namespace mediane::hub
