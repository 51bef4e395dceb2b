// Where a program finds its data files (translations, vocabularies, communes): the same binary runs from a
// build tree, from a `cmake --install` prefix and from a Debian package, so no absolute path is compiled in.
#pragma once

#include <string>

namespace mediane::core {

// The running program's own file, from /proc/self/exe (argv[0] may be a bare name found on PATH);
// argv0 itself when that link cannot be read.
std::string executablePath(const std::string& argv0);

// The assets directory of `package` ("mediane", "resin-hub"), the first that holds vocab/vocabularies.json of:
//   $MEDIANE_ASSETS (taken as given, even without that file: an explicit choice is not second-guessed);
//   <prefix>/share/<package> when the executable is <prefix>/bin/<name> (installed, wherever the prefix is);
//   an `assets` folder in the executable's folder or one of its parents (a build tree inside the source
//   tree, or a build tree elsewhere with its `assets` link to the sources, made at configure time).
// "" when none: the caller reports the missing file it needed.
std::string findAssetsDir(const std::string& executablePath, const std::string& package);

}  // namespace mediane::core
