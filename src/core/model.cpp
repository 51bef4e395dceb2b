#include "core/model.hpp"

namespace mediane::core {

namespace {
template <typename E, std::size_t N>
std::optional<E> fromTable(const std::string& s, const char* const (&names)[N]) {
    for (std::size_t i = 0; i < N; ++i)
        if (s == names[i]) return static_cast<E>(i);
    return std::nullopt;
}
const char* const kSyncStates[] = {"pending", "synced", "conflict", "error"};
const char* const kSessionKinds[] = {"individuel", "collectif"};
const char* const kPlaceModes[] = {"lieu_activite", "domicile", "a_distance", "autre"};
const char* const kChequeStates[] = {"in_stock", "given", "redeemed", "paid", "cancelled"};
}  // namespace

const char* toString(SyncState s) { return kSyncStates[static_cast<int>(s)]; }
SyncState syncStateFrom(const std::string& s) {
    return fromTable<SyncState>(s, kSyncStates).value_or(SyncState::Pending);
}
const char* toString(SessionKind k) { return kSessionKinds[static_cast<int>(k)]; }
std::optional<SessionKind> sessionKindFrom(const std::string& s) { return fromTable<SessionKind>(s, kSessionKinds); }
const char* toString(PlaceMode m) { return kPlaceModes[static_cast<int>(m)]; }
std::optional<PlaceMode> placeModeFrom(const std::string& s) { return fromTable<PlaceMode>(s, kPlaceModes); }
const char* toString(ChequeState s) { return kChequeStates[static_cast<int>(s)]; }
std::optional<ChequeState> chequeStateFrom(const std::string& s) {
    // Before the scheme's monthly payment was modelled, a laptop marked a cheque « claimed » by hand: it meant paid.
    if (s == "claimed") return ChequeState::Paid;
    return fromTable<ChequeState>(s, kChequeStates);
}

int totalOf(const std::vector<HeadCount>& counts) {
    int total = 0;
    for (const auto& c : counts) total += c.count;
    return total;
}

int countOf(const std::vector<HeadCount>& counts, const std::string& code) {
    for (const auto& c : counts)
        if (c.code == code) return c.count;
    return 0;
}

std::string Learner::displayName() const {
    if (hasConsent() && (!firstName.empty() || !lastName.empty())) {
        std::string name = firstName;
        if (!lastName.empty()) name += (name.empty() ? "" : " ") + lastName;
        return name;
    }
    return pseudonym;
}

}  // namespace mediane::core
