#include "app/notebook_vocabularies.hpp"

#include "core/error.hpp"
#include "store/database.hpp"
#include "sync/client/published_vocabularies.hpp"

namespace mediane::app {

NotebookVocabularies::NotebookVocabularies(store::Database& db, core::Vocabularies shipped)
    : m_db(db), m_shipped(std::make_shared<const core::Vocabularies>(std::move(shipped))), m_current(m_shipped) {
    pick();
}

const core::Vocabularies& NotebookVocabularies::current() const {
    if (m_generation != sync::pulledVocabulariesGeneration()) pick();
    return *m_current;
}

void NotebookVocabularies::pick() const {
    m_generation = sync::pulledVocabulariesGeneration();
    auto pulled = sync::loadPulledVocabularies(m_db);
    std::shared_ptr<const core::Vocabularies> chosen = m_shipped;
    if (pulled && pulled->version > m_shipped->version()) {
        if (m_current != m_shipped && m_current->version() == pulled->version) return;  // already in use
        try {
            chosen = std::make_shared<const core::Vocabularies>(core::Vocabularies::fromJson(pulled->document, "hub"));
        } catch (const Error&) {
            // Checked before it was kept; should it still not read, the shipped set keeps the notebook usable.
            chosen = m_shipped;
        }
    }
    if (chosen == m_current) return;
    m_replaced.push_back(m_current);
    m_current = std::move(chosen);
}

}  // namespace mediane::app
