// Opens the desktop window on a notebook (or renders a fixed number of frames and saves a screenshot).
#pragma once

#include <string>

namespace mediane::gui {

struct GuiOptions {
    std::string dataDir;
    std::string assetsDir;
    std::string language;     // empty: the notebook's saved preference, else French
    int frames = 0;           // > 0: render this many frames, then exit (smoke tests)
    std::string screenshot;   // with frames: save the last frame as PNG here
    std::string screen;       // with frames: which screen to show ("session", "learners", "pass", "dashboard")
};

// Returns the process exit code; errors are thrown as mediane::Error.
int runGui(const GuiOptions& options);

}  // namespace mediane::gui
