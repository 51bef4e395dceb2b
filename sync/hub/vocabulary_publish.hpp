// `resin-hub vocab publish FILE.json`: a new vocabularies document checked against the current one and the
// stored records, then served to every laptop, its retired codes applied to the records that carry them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sync/hub/hub_store.hpp"
#include "sync/hub/hub_vocabularies.hpp"

namespace mediane::hub {

struct VocabularyPublication {
    int version = 0;
    int previousVersion = 0;
    std::vector<std::string> added;    // "themes:new_code": codes the laptops will offer from their next sync
    std::vector<sync::CodeRetirement> retired;
    std::int64_t recordsRewritten = 0; // learners and sessions whose retired codes were replaced or kept aside
};

// Refuses, with mediane::Error (Validation, "err.vocab.*", naming the vocabulary and the code): a file that
// is not a valid document (sync::parseVocabularyDocument), a version not above the current one, a
// vocabulary of the current set left out, a retirement of a code that is not being retired, a replacement
// the new document lacks, and a code the current set has and the new one drops while a live record still
// uses it, unless the "retired" section maps it. On success, in one transaction: the document is stored
// (GET /v1/vocabularies serves it at once, even to a running hub) and every live learner and session
// carrying a retired code is rewritten in place, history included; a learner also gets a new version in the
// change feed so laptops that hold it update. A code retired without replacement goes to legacy_codes and to
// the report of unmapped codes.
VocabularyPublication publishVocabularies(HubStore& store, const CurrentVocabularies& current, const std::string& text);

}  // namespace mediane::hub
