#include "main/gui_window.hpp"

#include <GLFW/glfw3.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/private_files.hpp"
#include "core/user_dirs.hpp"

namespace mediane::gui {

namespace {

// Below this the screens stop being usable (the 1024×600 netbook is the smallest we test).
constexpr int kMinWidth = 800, kMinHeight = 480;

struct SavedWindow {
    int width = 0, height = 0;
    bool maximised = true;
};

std::filesystem::path stateFile() {
    auto dir = core::configDir();
    return dir.empty() ? dir : dir / "window.json";
}

SavedWindow loadSaved() {
    SavedWindow saved;
    auto file = stateFile();
    if (file.empty()) return saved;
    std::ifstream in(file);
    if (!in) return saved;
    try {
        auto doc = nlohmann::json::parse(in);
        saved.width = doc.value("width", 0);
        saved.height = doc.value("height", 0);
        saved.maximised = doc.value("maximised", true);
    } catch (const nlohmann::json::exception&) {
        return {};  // a damaged file: start maximised, it is rewritten at exit
    }
    return saved;
}

}  // namespace

GLFWwindow* createMainWindow(const char* title) {
    int x = 0, y = 0, width = 1280, height = 800;
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) glfwGetMonitorWorkarea(monitor, &x, &y, &width, &height);
    if (width <= 0 || height <= 0) width = 1280, height = 800;
    SavedWindow saved = loadSaved();
    // The saved size only when it still fits this screen (a laptop moves between a monitor and its own panel).
    bool useSaved = !saved.maximised && saved.width >= kMinWidth && saved.height >= kMinHeight &&
                    saved.width <= width && saved.height <= height;
    glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
    glfwWindowHint(GLFW_MAXIMIZED, useSaved ? GLFW_FALSE : GLFW_TRUE);
    GLFWwindow* window =
        glfwCreateWindow(useSaved ? saved.width : width, useSaved ? saved.height : height, title, nullptr, nullptr);
    if (!window) return nullptr;
    if (!useSaved) glfwSetWindowPos(window, x, y);
    glfwSetWindowSizeLimits(window, kMinWidth, kMinHeight, GLFW_DONT_CARE, GLFW_DONT_CARE);
    return window;
}

const char* imguiIniPath() {
    static std::string path;
    auto dir = core::configDir();
    if (dir.empty()) return nullptr;
    path = (dir / "imgui.ini").string();
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    return ec ? nullptr : path.c_str();
}

void rememberWindow(GLFWwindow* window) {
    auto file = stateFile();
    if (file.empty() || !window) return;
    int width = 0, height = 0;
    glfwGetWindowSize(window, &width, &height);
    nlohmann::json doc{{"width", width},
                       {"height", height},
                       {"maximised", glfwGetWindowAttrib(window, GLFW_MAXIMIZED) == GLFW_TRUE}};
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    core::PrivateUmask privateFile;
    std::ofstream out(file, std::ios::trunc);
    out << doc.dump() << "\n";
}

}  // namespace mediane::gui
