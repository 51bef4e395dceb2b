#include "sync/protocol/vocabulary_document.hpp"

#include <algorithm>
#include <set>

#include "core/error.hpp"
#include "core/vocabulary.hpp"
#include "sync/protocol/json_fields.hpp"
#include "sync/protocol/record_kinds.hpp"

namespace mediane::sync {

namespace {
using nlohmann::json;

Error invalid(const std::string& key, Error::Params params = {}, const std::string& field = {}) {
    return Error(Error::Kind::Validation, key, std::move(params), field);
}

bool isCode(const std::string& code) {
    return !code.empty() && code.size() <= 100 && std::all_of(code.begin(), code.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

// The codes a vocabulary's terms carry, checked one by one.
std::vector<std::string> termCodes(const std::string& name, const json& terms) {
    if (!terms.is_array()) throw invalid("err.vocab.not_list", {{"vocabulary", name}}, name);
    std::vector<std::string> codes;
    std::set<std::string> seen;
    for (std::size_t i = 0; i < terms.size(); ++i) {
        const auto& term = terms[i];
        const std::string where = name + "[" + std::to_string(i) + "]";
        if (!term.is_object()) throw invalid("err.vocab.term_invalid", {{"vocabulary", name}, {"term", where}}, where);
        auto code = term.find("code");
        if (code == term.end() || !code->is_string() || !isCode(code->get<std::string>()))
            throw invalid("err.vocab.code_invalid", {{"vocabulary", name}, {"term", where}}, where);
        auto fr = term.find("fr");
        if (fr == term.end() || !fr->is_string() || fr->get<std::string>().empty())
            throw invalid("err.vocab.label_missing", {{"vocabulary", name}, {"code", code->get<std::string>()}}, where);
        if (!seen.insert(code->get<std::string>()).second)
            throw invalid("err.vocab.code_duplicate", {{"vocabulary", name}, {"code", code->get<std::string>()}}, where);
        codes.push_back(code->get<std::string>());
    }
    return codes;
}

// A session's type and place type are closed: each code is a column value the notebook's schema checks.
void checkClosedVocabularies(const json& doc) {
    for (const auto& kind : recordKinds())
        for (const auto& f : kind.fields) {
            if (f.role != FieldRole::Choice || f.vocabulary.empty()) continue;
            auto codes = termCodes(f.vocabulary, doc.at(f.vocabulary));
            std::set<std::string> got(codes.begin(), codes.end()), want(f.choices.begin(), f.choices.end());
            if (got != want)
                throw invalid("err.vocab.closed_changed", {{"vocabulary", f.vocabulary}}, f.vocabulary);
        }
}

std::vector<CodeRetirement> readRetired(const json& doc) {
    std::vector<CodeRetirement> out;
    auto it = doc.find("retired");
    if (it == doc.end()) return out;
    if (!it->is_array()) throw invalid("err.vocab.retired_invalid", {{"entry", "retired"}}, "retired");
    for (std::size_t i = 0; i < it->size(); ++i) {
        const auto& entry = (*it)[i];
        const std::string where = "retired[" + std::to_string(i) + "]";
        auto text = [&](const char* key) -> std::string {
            if (!entry.is_object() || !entry.contains(key)) return {};
            const auto& v = entry[key];
            if (v.is_null()) return {};
            if (!v.is_string()) throw invalid("err.vocab.retired_invalid", {{"entry", where}}, where);
            return v.get<std::string>();
        };
        if (!entry.is_object()) throw invalid("err.vocab.retired_invalid", {{"entry", where}}, where);
        CodeRetirement r{text("vocabulary"), text("code"), text("replaced_by")};
        if (!doc.contains(r.vocabulary) || !doc[r.vocabulary].is_array() || !isCode(r.code) ||
            (!r.replacedBy.empty() && !isCode(r.replacedBy)))
            throw invalid("err.vocab.retired_invalid", {{"entry", where}}, where);
        out.push_back(std::move(r));
    }
    return out;
}
}  // namespace

const std::vector<std::string>& requiredVocabularies() {
    static const std::vector<std::string> names = {
        "session_kinds", "place_modes",  "themes",     "equipment",        "autonomy",        "redirections",
        "workshop_levels", "age_brackets", "genders", "social_status", "duration_presets", "duration_ranges",
        "place_kinds"};
    return names;
}

VocabularyDocument parseVocabularyDocument(const std::string& text) {
    // Every laptop downloads and parses what is published: a size and a depth no real set of vocabularies
    // comes near (the national one is 12 KB, 3 levels) keep a careless or hostile file from reaching them.
    if (text.size() > kMaxVocabularyBytes)
        throw invalid("err.vocab.too_large", {{"max_kb", std::to_string(kMaxVocabularyBytes / 1024)}});
    json doc;
    try {
        doc = parseJson(text);
    } catch (const Error& e) {
        if (e.key() == "err.sync.json_too_deep") throw invalid("err.vocab.too_deep", e.params());
        throw invalid("err.vocab.not_json");
    }
    if (!doc.is_object()) throw invalid("err.vocab.not_json");
    auto version = doc.find("version");
    if (version == doc.end() || !version->is_number_integer() || version->get<std::int64_t>() < 1 ||
        version->get<std::int64_t>() > 1000000)
        throw invalid("err.vocab.version_missing", {}, "version");
    for (const auto& name : requiredVocabularies()) {
        if (!doc.contains(name)) throw invalid("err.vocab.missing", {{"vocabulary", name}}, name);
    }
    for (auto it = doc.begin(); it != doc.end(); ++it)
        if (it.value().is_array() && it.key() != "retired") termCodes(it.key(), it.value());
    checkClosedVocabularies(doc);
    VocabularyDocument out;
    out.version = static_cast<int>(version->get<std::int64_t>());
    out.retired = readRetired(doc);
    doc.erase("retired");
    // The laptops' reader must take it too (optional numbers typed, and so on).
    try {
        (void)core::Vocabularies::fromJson(doc.dump(), "vocabularies");
    } catch (const Error& e) {
        throw invalid("err.vocab.unreadable", {{"detail", e.params().count("detail") ? e.params().at("detail") : e.key()}});
    }
    out.body = std::move(doc);
    return out;
}

}  // namespace mediane::sync
