#include "sync/hub/access_policy.hpp"

namespace mediane::hub {

Scope scopeOf(const Principal& principal, HubStore& store) {
    Scope scope;
    if (principal.role == "admin") {
        scope.everything = true;
    } else if (principal.role == "coordinator") {
        scope.structures = store.structuresOfTerritory(principal.territory);
        // A coordinator of a structure with no territory still reaches their own structure.
        if (!scope.reaches(principal.structure)) scope.structures.push_back(principal.structure);
    } else {
        scope.structures = {principal.structure};
    }
    return scope;
}

bool editsDirectory(const Principal& principal) { return principal.role == "admin" || principal.role == "coordinator"; }

void showChequeEventTo(const Scope& scope, const std::string& structure, nlohmann::json& fields) {
    if (!fields.is_object()) return;
    if (!scope.reaches(structure)) {
        for (const char* personal : {"learner_id", "session_id", "reason"}) fields.erase(personal);
        fields["structure"] = structure;
    } else if (!fields.contains("structure")) {
        fields["structure"] = structure;  // stored before it was stamped
    }
}

}  // namespace mediane::hub
