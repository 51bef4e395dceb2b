// Text folding for the directory: how a messy column name or vocabulary value is recognised.
#pragma once

#include <string>

namespace mediane::core {

// Lower case, accents removed (French letters), typographic apostrophes and dashes made plain,
// runs of spaces, `_` and `-` made one space, trimmed: "Itinérance" and " itinerance" fold alike.
std::string foldText(const std::string& text);
// Spaces, tabs and no-break spaces removed from both ends.
std::string trimText(const std::string& text);
// Number of code points (for maxLength / minLength), counting invalid bytes as one each.
std::size_t codePointCount(const std::string& text);
// The first `count` code points.
std::string firstCodePoints(const std::string& text, std::size_t count);

}  // namespace mediane::core
