#include "core/vocabulary.hpp"

#include "core/error.hpp"
#include "core/text_file.hpp"

#include <nlohmann/json.hpp>

namespace mediane::core {

Vocabulary::Vocabulary(std::string name, std::vector<Term> terms) : m_name(std::move(name)), m_terms(std::move(terms)) {}

bool Vocabulary::contains(const std::string& code) const { return find(code) != nullptr; }

const Term* Vocabulary::find(const std::string& code) const {
    for (const auto& t : m_terms)
        if (t.code == code) return &t;
    return nullptr;
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
        out.m_version = doc.value("version", 1);
        auto optionalInt = [](const nlohmann::json& item, const char* key) -> std::optional<int> {
            auto it = item.find(key);
            if (it == item.end() || it->is_null()) return std::nullopt;
            return it->get<int>();
        };
        for (auto it = doc.begin(); it != doc.end(); ++it) {
            if (!it.value().is_array()) continue;  // "note" and other metadata
            std::vector<Term> terms;
            for (const auto& item : it.value()) {
                Term t;
                t.code = item.at("code").get<std::string>();
                t.labelFr = item.at("fr").get<std::string>();
                t.labelEn = item.value("en", t.labelFr);
                t.coop = item.value("coop", "");
                t.group = item.value("group", "");
                t.stars = item.value("stars", 0);
                t.ageBelow = optionalInt(item, "age_below");
                t.minutes = optionalInt(item, "minutes");
                t.minMinutes = optionalInt(item, "min_minutes");
                t.maxMinutes = optionalInt(item, "max_minutes");
                terms.push_back(std::move(t));
            }
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

bool isAdministrativeTheme(const Vocabularies& vocab, const std::string& theme) {
    const Term* t = vocab.themes().find(theme);
    return t && t->group == kAdministrativeGroup;
}

std::string ageBracketFor(const Vocabularies& vocab, int birthYear, int year) {
    if (birthYear <= 0) return {};
    const int age = year - birthYear;
    // The brackets run oldest first; the youngest bound above the age wins, as in the Coop.
    const Term* best = nullptr;
    const Term* open = nullptr;
    for (const auto& t : vocab.ageBrackets().terms()) {
        if (t.ageBelow) {
            if (age < *t.ageBelow && (!best || *t.ageBelow < *best->ageBelow)) best = &t;
        } else if (t.code != kAgeNotGiven) {
            open = &t;
        }
    }
    if (best) return best->code;
    return open ? open->code : std::string{};
}

std::string durationRangeFor(const Vocabularies& vocab, int minutes) {
    for (const auto& t : vocab.durationRanges().terms())
        if (minutes >= t.minMinutes.value_or(0) && (!t.maxMinutes || minutes < *t.maxMinutes)) return t.code;
    return {};
}

}  // namespace mediane::core
