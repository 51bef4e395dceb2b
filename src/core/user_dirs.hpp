// Where the desktop keeps a user's settings and documents (XDG base and user directories), never the cwd.
#pragma once

#include <filesystem>
#include <string>

namespace mediane::core {

// $XDG_CONFIG_HOME/mediane, else $HOME/.config/mediane; empty when neither variable is set.
std::filesystem::path configDir();

// The user's Documents folder: XDG_DOCUMENTS_DIR from $XDG_CONFIG_HOME/user-dirs.dirs (or ~/.config/…),
// else $HOME/Documents when it exists, else $HOME; empty when HOME is unset.
std::filesystem::path documentsDir();

// One XDG_<NAME>_DIR value of a user-dirs.dirs text ("$HOME/Documents" with $HOME expanded); empty when absent.
std::string userDirFromText(const std::string& dirsText, const std::string& name, const std::string& home);

}  // namespace mediane::core
