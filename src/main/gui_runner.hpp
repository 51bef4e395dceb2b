// Opens the desktop window on a notebook (or renders a fixed number of frames and saves a screenshot).
#pragma once

#include <string>
#include <vector>

namespace mediane::gui {

struct GuiOptions {
    std::string dataDir;
    std::string assetsDir;
    std::string language;     // empty: the notebook's saved preference, else French
    int frames = 0;           // > 0: render this many frames, then exit (smoke tests)
    std::string screenshot;   // with frames: save the last frame as PNG here
    std::string screen;       // with frames: which screen to show (a name from screenNames(); empty: Séance)
};

// The names --screen accepts, one per registered screen.
std::vector<std::string> screenNames();

// Returns the process exit code; errors are thrown as mediane::Error.
int runGui(const GuiOptions& options);

}  // namespace mediane::gui
