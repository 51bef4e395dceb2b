#include "sync/hub/booklet_rules.hpp"

#include "core/pass_rules.hpp"

namespace mediane::hub {

namespace {
std::optional<std::int64_t> positiveNumber(const nlohmann::json& fields, const char* key) {
    auto it = fields.find(key);
    if (it == fields.end() || !it->is_number_integer()) return std::nullopt;
    auto n = it->get<std::int64_t>();
    if (n < 1) return std::nullopt;
    return n;
}
}  // namespace

std::optional<std::string> bookletProblem(HubStore& store, const StoredRecord& booklet) {
    if (booklet.deleted) return std::nullopt;
    auto first = positiveNumber(booklet.fields, "first_number");
    auto last = positiveNumber(booklet.fields, "last_number");
    if (!first) return "fields.first_number must be a positive integer";
    if (!last || *last < *first) return "fields.last_number must be an integer no smaller than first_number";
    if (*last - *first >= core::pass_rules::kMaxBookletSize)
        return "a booklet holds at most " + std::to_string(core::pass_rules::kMaxBookletSize) + " cheques";
    for (const auto& other : store.bookletsOverlapping(*first, *last)) {
        if (other.recordId == booklet.recordId || other.structure == booklet.structure) continue;
        auto otherFirst = positiveNumber(other.fields, "first_number");
        auto otherLast = positiveNumber(other.fields, "last_number");
        if (otherFirst && otherLast && *otherFirst <= *last && *otherLast >= *first)
            return "these numbers are already in another structure's booklet";
    }
    return std::nullopt;
}

}  // namespace mediane::hub
