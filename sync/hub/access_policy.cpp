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

}  // namespace mediane::hub
