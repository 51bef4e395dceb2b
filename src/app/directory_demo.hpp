// Demo places for the directory: thousands of plausible, schema-valid places around Lyon for demos and benchmarks.
#pragma once

#include <random>
#include <string>

namespace mediane::app {

class Notebook;

// Usage: generateDemoDirectory(notebook, rng, 10000);  // from the demo generator, on a fresh notebook
// Every place satisfies the standard's schema (vocabularies read from assetsDir/directory/schema.json;
// empty assetsDir: found next to the running executable) and gets its outbox row like any write.
// Ids are "demo-lieu-NNNNN", so running it again updates the same places. `updatedOn` is every place's
// date_maj (ISO; empty: today), so a pinned demo is reproducible. Returns the number of places written.
int generateDemoDirectory(Notebook& notebook, std::mt19937_64& rng, int count, const std::string& assetsDir = {},
                          const std::string& updatedOn = {});

}  // namespace mediane::app
