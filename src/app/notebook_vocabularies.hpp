// The vocabularies a notebook records in: the newest of those shipped with this build and those last pulled from the hub.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "core/vocabulary.hpp"

namespace mediane::store {
class Database;
}

namespace mediane::app {

// A theme published nationally after this release reaches the laptop on its next sync (sync/client stores
// the hub's document in the notebook's settings); from then on every form, validation and label uses it.
// Reads as a `const core::Vocabularies&`, so the notebook's commands pass it where one is expected.
// Usage: const core::Vocabularies& vocab = notebook.vocabularies();
class NotebookVocabularies {
public:
    NotebookVocabularies(store::Database& db, core::Vocabularies shipped);

    // The newest set. Looks again only when a sync of this process pulled a document since the last call
    // (an atomic counter, no query per frame). A reference handed out earlier stays valid: sets replaced
    // are kept until the notebook closes (they are a few kilobytes, and replaced rarely).
    const core::Vocabularies& current() const;
    operator const core::Vocabularies&() const { return current(); }

private:
    void pick() const;

    store::Database& m_db;
    std::shared_ptr<const core::Vocabularies> m_shipped;
    mutable std::shared_ptr<const core::Vocabularies> m_current;
    mutable std::vector<std::shared_ptr<const core::Vocabularies>> m_replaced;
    mutable std::uint64_t m_generation = 0;
};

}  // namespace mediane::app
