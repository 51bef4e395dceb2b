// The vocabularies document the hub publishes and laptops keep (GET /v1/vocabularies): assets/vocab/vocabularies.json's shape.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace mediane::sync {

// A code a publication takes out of its vocabulary, and what the records that carry it get instead.
// An empty replacedBy keeps the code on the record as a legacy code (reported), never drops it.
struct CodeRetirement {
    std::string vocabulary;
    std::string code;
    std::string replacedBy;
    bool operator==(const CodeRetirement&) const = default;
};

struct VocabularyDocument {
    int version = 0;
    nlohmann::json body = nlohmann::json::object();  // the document as served and stored, "retired" left out
    std::vector<CodeRetirement> retired;             // the publication's "retired" section
};

// The largest document published or kept (the national one is 12 KB).
inline constexpr std::size_t kMaxVocabularyBytes = 1024 * 1024;

// The vocabularies every Médiane reads (core/vocabulary.hpp's accessors): a document lacking one is refused.
const std::vector<std::string>& requiredVocabularies();

// Strict reading of a document, for the hub before it publishes one and for a laptop before it keeps one:
// an object with an integer "version" >= 1; every required vocabulary an array of terms, each with a "code"
// (letters, digits, "_" or "-": codes travel inside "field:code" and "code:count" texts) and a non-empty
// French label "fr", codes unique within their vocabulary; the closed vocabularies (a session's type and
// place type, which the notebook's schema fixes) with exactly the codes records carry; an optional
// "retired" array of {"vocabulary", "code", "replaced_by"} naming codes of known vocabularies.
// Throws mediane::Error (Validation, "err.vocab.*") naming the vocabulary and the code at fault.
VocabularyDocument parseVocabularyDocument(const std::string& text);

}  // namespace mediane::sync
