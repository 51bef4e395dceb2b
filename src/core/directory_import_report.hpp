// The JSON report of a directory import (every line and field changed or rejected), shared by the laptop and the hub.
#pragma once

#include <string>

#include <nlohmann/json_fwd.hpp>

#include "core/directory_import.hpp"
#include "core/translator.hpp"

namespace mediane::core {

struct DirectoryImportCounts {
    int created = 0, updated = 0, unchanged = 0;
};

nlohmann::json directoryImportReport(const std::string& file, const DirectoryImportPlan& plan,
                                     const DirectoryImportCounts& counts, const Translator& tr);

}  // namespace mediane::core
