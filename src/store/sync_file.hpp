// Durable file operations for the notebook's conversion and key file: a crash leaves the old file or the new one.
#pragma once

#include <string>

namespace mediane::store {

// Flushes the file's data to the disk; throws Storage "err.db_write" naming the file.
void syncFile(const std::string& path);
// Flushes a folder's entries, so a rename or a new file inside it survives a power cut.
void syncDirectory(const std::string& directory);
// Writes content beside path (0600), flushes it, renames it over path and flushes the folder: a crash
// leaves the old content or the new, never half of either.
void writeFileAtomically(const std::string& path, const std::string& content);
// rename(2) then a flush of the folder.
void renameDurably(const std::string& from, const std::string& to);

}  // namespace mediane::store
