// The changes the hub refused, as the status bar and its « Voir pourquoi » list show them: never hidden
// behind « Synchronisé », each with the hub's reason and what the person can do about it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/sync_status.hpp"
#include "core/translator.hpp"
#include "store/refused_operations.hpp"

namespace mediane::app {

// With refused changes waiting, an idle or synced line turns amber and says how many; any other line
// (syncing, offline, an error) keeps its words and gains the « Voir pourquoi » button.
SyncLine withRefusals(SyncLine line, std::int64_t refused, const core::Translator& tr);

// « 1 234 modifications refusées par le hub », with the language's thousands separator and plural.
std::string refusedCountText(std::int64_t refused, const core::Translator& tr);

// One row of the « Voir pourquoi » list, already translated.
struct RefusedChangeRow {
    std::string what;    // « Séance : création »
    std::string reason;  // why the hub refused it, in words (the hub's own message when no translation)
    std::string todo;    // what to do next
    std::string recordId;
};

std::vector<RefusedChangeRow> describeRefusals(const std::vector<store::RefusedOperation>& refused,
                                               const core::Translator& tr);

}  // namespace mediane::app
