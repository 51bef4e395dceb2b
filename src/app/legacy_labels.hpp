// How a record's kept legacy codes read on screen: their first-release labels, joined.
#pragma once

#include <string>
#include <string_view>

namespace mediane::app {

// "Aide ponctuelle, Applications sur smartphone" for a session's "kind:oneoff themes:smartphone";
// only the entries of `field` when it is given (e.g. "age_bracket"). Empty when there are none.
std::string legacyLabels(std::string_view entity, const std::string& legacyCodes, std::string_view field = {});

}  // namespace mediane::app
