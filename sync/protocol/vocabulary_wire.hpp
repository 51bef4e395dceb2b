// A record's wire fields moved between vocabulary versions: upgraded when a laptop on version 1 sends them
// or a notebook migrates, downgraded for a laptop still on version 1 that pulls them.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/legacy_codes.hpp"
#include "core/vocabulary.hpp"
#include "sync/protocol/record_kinds.hpp"
#include "sync/protocol/vocabulary_document.hpp"

namespace mediane::sync {

// Rewrites every coded field of `fields` (a whole record or a partial update) to current codes. A code
// with no equivalent leaves its field and is appended to legacy_codes as "field:code"; those are
// returned, so that the caller can report them. Current codes pass unchanged: upgrading twice is harmless.
// With `current`, a French label of a current code (as downgradeWireFields sent it) reads back as that code,
// and a code `current` holds stays as it is (a code published later may reuse a version 1 spelling).
std::vector<core::LegacyCode> upgradeWireFields(const RecordKind& kind, nlohmann::json& fields,
                                                const core::Vocabularies* current = nullptr);

// Rewrites current codes to version 1 ones for a laptop still on version 1. A code version 1 never had
// is sent as its French label, which such a laptop shows as it is (it shows an unknown code verbatim);
// upgradeWireFields reads that label back as the code when the laptop sends the record again. A version 1
// code the upgrade kept in legacy_codes goes back to its field (a "oneoff" session is "oneoff" again, an
// "18_35" learner "18_35"), so that a version 1 laptop reads its own records as it wrote them.
void downgradeWireFields(const RecordKind& kind, nlohmann::json& fields, const core::Vocabularies& current);

// Applies the codes a publication retired (resin-hub vocab publish) to a record's fields: a retired code
// becomes its replacement, or, without one, leaves its field for legacy_codes. Returns the codes kept so.
std::vector<core::LegacyCode> retireWireCodes(const RecordKind& kind, nlohmann::json& fields,
                                              const std::vector<CodeRetirement>& retired);

// Whether one of the record's coded fields of `vocabulary` holds `code` (head counts included).
bool usesCode(const RecordKind& kind, const nlohmann::json& fields, const std::string& vocabulary,
              const std::string& code);

}  // namespace mediane::sync
