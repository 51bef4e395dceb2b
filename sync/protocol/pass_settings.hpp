// A structure's Pass numérique profile and service catalogue: the shape both the laptop and the hub enforce.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include <nlohmann/json_fwd.hpp>

namespace mediane::sync {

inline constexpr int kMaxServiceCheques = 20;
inline constexpr std::size_t kMaxServiceCodeLength = 40;
inline constexpr std::size_t kMaxServiceLabelLength = 120;
inline constexpr int kMaxGraceDays = 366;

// A profile is named after its structure and a service after both, so two laptops creating the same one offline
// meet on one record instead of two. A structure's name may hold spaces or accents a record id may not: the id
// is its readable part plus a hash of the whole name ("lyon8.5c1e0a9b").
std::string passProfileId(const std::string& structure);
std::string passServiceId(const std::string& structure, const std::string& code);
// Lowercase letters, digits, '-' and '_', 1–40 characters: a code goes into the service's id and into exports.
bool isServiceCode(const std::string& code);

// The wire field that is wrong (e.g. "fields.grace_days"), or nullopt. `create` also requires the fields an id
// is made of and checks the id against them; an update may not change them.
std::optional<std::string> passSettingsProblem(const std::string& entity, const std::string& recordId,
                                               const nlohmann::json& fields, bool create);

}  // namespace mediane::sync
