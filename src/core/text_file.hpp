// Reading and writing whole small text files (assets, settings) with errors that name the file.
#pragma once

#include <string>

namespace mediane::core {

// Throws mediane::Error (Io, "err.file_unreadable") naming the path.
std::string readTextFile(const std::string& path);
// Valid UTF-8 check, so bad bytes are refused with a clear message rather than stored.
bool isValidUtf8(const std::string& text);

}  // namespace mediane::core
