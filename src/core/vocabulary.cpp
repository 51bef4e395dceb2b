#include "core/vocabulary.hpp"

#include "core/error.hpp"
#include "core/text_file.hpp"

#include <nlohmann/json.hpp>

namespace mediane::core {

Vocabulary::Vocabulary(std::string name, std::vector<Term> terms) : m_name(std::move(name)), m_terms(std::move(terms)) {}

bool Vocabulary::contains(const std::string& code) const {
    for (const auto& t : m_terms)
        if (t.code == code) return true;
    return false;
}

std::string Vocabulary::label(const std::string& code, const std::string& language) const {
    for (const auto& t : m_terms)
        if (t.code == code) return t.label(language);
    return code;
}

Vocabularies Vocabularies::loadFile(const std::string& path) { return fromJson(readTextFile(path), path); }

Vocabularies Vocabularies::fromJson(const std::string& jsonText, const std::string& sourceName) {
    Vocabularies out;
    try {
        auto doc = nlohmann::json::parse(jsonText);
        for (auto it = doc.begin(); it != doc.end(); ++it) {
            if (!it.value().is_array()) continue;  // "note" and other metadata
            std::vector<Term> terms;
            for (const auto& item : it.value())
                terms.push_back({item.at("code").get<std::string>(), item.at("fr").get<std::string>(),
                                 item.value("en", item.at("fr").get<std::string>())});
            out.m_vocabularies.emplace(it.key(), Vocabulary(it.key(), std::move(terms)));
        }
    } catch (const nlohmann::json::exception& e) {
        throw Error(Error::Kind::Io, "err.asset_invalid", {{"file", sourceName}, {"detail", e.what()}});
    }
    return out;
}

const Vocabulary& Vocabularies::get(const std::string& name) const {
    auto it = m_vocabularies.find(name);
    if (it == m_vocabularies.end()) throw Error(Error::Kind::NotFound, "err.vocabulary_missing", {{"name", name}});
    return it->second;
}

}  // namespace mediane::core
