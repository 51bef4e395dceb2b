// Fuzz target: the directory CSV import (encoding, delimiter, header, every cell) with the real national schema.
// A file that cannot be read at all is refused with mediane::Error; anything else must never escape.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/directory_import.hpp"
#include "core/directory_schema.hpp"
#include "core/error.hpp"

namespace {
const mediane::core::DirectorySchema& schema() {
    static const auto loaded =
        mediane::core::DirectorySchema::loadFile(std::string(MEDIANE_FUZZ_ASSETS) + "/directory/schema.json");
    return loaded;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        auto plan = mediane::core::planDirectoryImport(bytes, schema(), "fuzz.csv");
        // A place the import keeps must be one the schema accepts: the export is strict.
        for (const auto& [line, place] : plan.places) (void)schema().check(place);
    } catch (const mediane::Error&) {
    }
    return 0;
}
