#include "sync/hub/hub_vocabularies.hpp"

#include <nlohmann/json.hpp>

namespace mediane::hub {

namespace {
std::shared_ptr<const CurrentVocabularies> fromDocument(const std::string& text, bool published) {
    auto doc = sync::parseVocabularyDocument(text);
    auto out = std::make_shared<CurrentVocabularies>();
    out->version = doc.version;
    out->document = doc.body.dump();
    out->terms = core::Vocabularies::fromJson(out->document, "vocabularies");
    out->published = published;
    return out;
}

std::vector<sync::CodeRetirement> retirementsOf(const std::vector<PublishedVocabularies>& publications) {
    std::vector<sync::CodeRetirement> out;
    for (const auto& p : publications) {
        auto list = nlohmann::json::parse(p.retired, nullptr, false);
        if (!list.is_array()) continue;
        for (const auto& r : list)
            if (r.is_object())
                out.push_back({r.value("vocabulary", ""), r.value("code", ""), r.value("replaced_by", "")});
    }
    return out;
}

// The newer of the asset and the last publication; an equal version keeps the publication (it was checked
// against the records, the asset was not).
std::shared_ptr<const CurrentVocabularies> newest(const std::shared_ptr<const CurrentVocabularies>& shipped,
                                                  HubStore& store) {
    auto publications = store.publishedVocabularies();
    std::shared_ptr<const CurrentVocabularies> chosen = shipped;
    if (!publications.empty() && (!shipped || publications.back().version >= shipped->version))
        chosen = fromDocument(publications.back().document, true);
    if (!chosen) chosen = std::make_shared<CurrentVocabularies>();
    auto retired = retirementsOf(publications);
    if (retired.empty()) return chosen;
    auto withRetired = std::make_shared<CurrentVocabularies>(*chosen);
    withRetired->retired = std::move(retired);
    return withRetired;
}
}  // namespace

HubVocabularies::HubVocabularies(const std::string& shippedDocument) {
    if (!shippedDocument.empty()) m_shipped = fromDocument(shippedDocument, false);
}

std::shared_ptr<const CurrentVocabularies> HubVocabularies::current(HubStore& store) {
    std::lock_guard lock(m_mutex);
    int published = store.publishedVocabularyVersion();
    if (!m_current || published != m_publishedSeen) {
        m_current = newest(m_shipped, store);
        m_publishedSeen = published;
    }
    return m_current;
}

std::shared_ptr<const CurrentVocabularies> currentVocabularies(HubStore& store, const std::string& shippedDocument) {
    return newest(shippedDocument.empty() ? nullptr : fromDocument(shippedDocument, false), store);
}

}  // namespace mediane::hub
