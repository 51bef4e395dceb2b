// The conflicts this laptop's account may see, as JSON for scripts and funders' audits (`export conflicts`).
#pragma once

#include <nlohmann/json_fwd.hpp>

namespace mediane::app {

class Notebook;

// An array, newest first, open ones before resolved ones: kind, record (entity, id, label), state, who may
// decide, and both sides: the hub's value and the incoming one per field, or every redemption of a cheque.
// What the inbox hides from this account (app/conflict_scope) is left out here too.
nlohmann::json conflictsForExport(Notebook& notebook);

}  // namespace mediane::app
