// The main window: opens maximised to the monitor's work area (or at the size the adviser left it), resizable,
// and remembers its size and ImGui's layout in the XDG config directory, never in the current directory.
#pragma once

#include <string>

struct GLFWwindow;

namespace mediane::gui {

// Creates the window (GLFW initialised, context hints already set); nullptr when GLFW cannot.
GLFWwindow* createMainWindow(const char* title);

// Where ImGui keeps its layout (…/mediane/imgui.ini), or nullptr to keep none (no config directory).
const char* imguiIniPath();

// Saves the window's size and maximised state for the next start; a failure only costs that comfort.
void rememberWindow(GLFWwindow* window);

}  // namespace mediane::gui
