#include "sync/hub/booklet_rules.hpp"

#include "core/pass_rules.hpp"
#include "sync/protocol/json_fields.hpp"

namespace mediane::hub {

std::optional<std::string> bookletProblem(HubStore& store, const StoredRecord& booklet) {
    const auto first = sync::storedInteger(booklet.fields, "first_number");
    const auto last = sync::storedInteger(booklet.fields, "last_number");
    if (first < 1) return "fields.first_number must be a positive integer";
    if (last < first) return "fields.last_number must be an integer no smaller than first_number";
    if (last - first >= core::pass_rules::kMaxBookletSize)
        return "a booklet holds at most " + std::to_string(core::pass_rules::kMaxBookletSize) + " cheques";
    for (const auto& other : store.bookletsOverlapping(first, last))
        if (other.structure != booklet.structure) return "these numbers are already in another structure's booklet";
    return std::nullopt;
}

}  // namespace mediane::hub
