// The folders an adviser saves exports into: where to start, what a folder holds, and opening one in the
// desktop's file manager afterwards.
#pragma once

#include <string>
#include <vector>

namespace mediane::app {

class Notebook;

// The folder exports go to: the last one chosen on this laptop, else the user's Documents folder (XDG),
// else a folder "exports" beside the notebook.
std::string exportFolder(Notebook& notebook);
// Remembers the chosen folder for the next export (local setting, never synced).
void rememberExportFolder(Notebook& notebook, const std::string& folder);

// The visible sub-folders of a folder, sorted case-insensitively; empty when it cannot be read.
std::vector<std::string> subfolders(const std::string& folder);

// Opens the folder in the file manager (xdg-open), without waiting for it. Returns false when it could not start.
bool openFolder(const std::string& folder);

}  // namespace mediane::app
