// How the codes of Médiane's first vocabularies (version 1) become the national activity report's (version 2).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mediane::core {

inline constexpr int kLegacyVocabularyVersion = 1;
inline constexpr int kCurrentVocabularyVersion = 2;

// One line of the mapping table (docs/vocabulary-migration.md prints the same table).
struct CodeMapping {
    std::string_view vocabulary;  // the vocabulary's name in assets/vocab ("themes", "age_brackets"…)
    std::string_view oldCode;
    std::string_view oldLabel;    // its French label in version 1, to show a kept legacy code
    std::string_view newCode;     // empty: no equivalent, the old code is kept as a legacy code
    std::string_view why;         // why it maps so, or why it cannot
};

const std::vector<CodeMapping>& vocabularyMappings();

// The version 2 code of a version 1 code; nullopt when it has no equivalent. A code that is not a
// version 1 code of that vocabulary comes back unchanged (already current, or from a newer set).
std::optional<std::string> upgradeCode(std::string_view vocabulary, const std::string& code);
// How a kept legacy code reads: its version 1 label ("Aide ponctuelle"), or the code when unknown.
std::string legacyLabel(std::string_view vocabulary, const std::string& code);

// The version 1 code of a current code, for a laptop still on version 1; nullopt when there is none.
std::optional<std::string> downgradeCode(std::string_view vocabulary, const std::string& code);

}  // namespace mediane::core
