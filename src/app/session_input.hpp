// A session typed as JSON (the shape of `mediane export sessions --format json`), for `mediane session add|edit`.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/model.hpp"

namespace mediane::app {

// Usage: auto edited = sessionFromInput(json::parse(stdinText), *notebook.session(id), SessionInput::Edit);
// The fields given replace those of `base`; the others keep their value. Every key must be a session field of
// the export (unknown: Validation "corrections.err.field_unknown"), of its type ("corrections.err.field_type_*").
// The export's read-only columns (id, names, participant count, sync state...) are accepted and ignored, so an
// exported object can be edited and sent back; cheques, structure and adviser may be given only unchanged in an
// edit ("corrections.err.field_locked"): they are corrected elsewhere. Nothing is written here.
enum class SessionInput { Add, Edit };
core::Session sessionFromInput(const nlohmann::json& input, core::Session base, SessionInput mode);

// The text of stdin as one JSON object, or Validation "corrections.err.stdin_json" (with the byte where reading
// stopped) or "corrections.err.stdin_not_object".
nlohmann::json parseInputObject(const std::string& text);

}  // namespace mediane::app
