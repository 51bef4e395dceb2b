// Codes of an older vocabulary kept verbatim on a record because they have no equivalent in the current one.
#pragma once

#include <string>
#include <vector>

namespace mediane::core {

// One kept code: the wire field it was in ("themes", "kind", "age_bracket"…) and the code itself.
struct LegacyCode {
    std::string field;
    std::string code;
    bool operator==(const LegacyCode&) const = default;
};

// The record's text form is "field:code" entries separated by spaces (codes never hold spaces),
// so that it travels and is stored as one plain text field.
std::vector<LegacyCode> parseLegacyCodes(const std::string& text);
std::string formatLegacyCodes(const std::vector<LegacyCode>& codes);
// Adds one entry unless it is already there.
std::string withLegacyCode(const std::string& text, const LegacyCode& code);

}  // namespace mediane::core
