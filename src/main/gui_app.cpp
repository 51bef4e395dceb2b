// runGui: the GLFW + OpenGL 3 window loop around the Shell, and the --frames/--screenshot mode for smoke tests.
#include "main/gui_runner.hpp"
#include "main/gui_window.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "app/app_state.hpp"
#include "app/notebook.hpp"
#include "app/startup_problem.hpp"
#include "app/sync_service.hpp"
#include "core/calendar.hpp"
#include "core/error.hpp"
#include "ui/fonts.hpp"
#include "ui/item_map_file.hpp"
#include "ui/screen_registry.hpp"
#include "ui/shell.hpp"
#include "ui/startup_problem_screen.hpp"
#include "ui/unlock_screen.hpp"

namespace mediane::gui {

namespace {

// ImGui's draw data on the whole framebuffer (the unlock screen's frames and the shell's alike).
void renderFrame(GLFWwindow* window) {
    ImGui::Render();
    int w = 0, h = 0;
    glfwGetFramebufferSize(window, &w, &h);
    glViewport(0, 0, w, h);
    const ImVec4 clear = ui::Shell::backgroundColour();
    glClearColor(clear.x, clear.y, clear.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
}

using Clock = std::chrono::steady_clock;

std::string g_glfwError;
void onGlfwError(int code, const char* description) {
    g_glfwError = std::to_string(code) + ": " + (description ? description : "");
}

// Ends GLFW whatever path leaves runGui.
struct GlfwSession {
    GlfwSession() : ok(glfwInit() == GLFW_TRUE) {}
    ~GlfwSession() {
        if (ok) glfwTerminate();
    }
    bool ok;
};

struct ImGuiSession {
    explicit ImGuiSession(GLFWwindow* window) {
        IMGUI_CHECKVERSION();
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = imguiIniPath();  // the XDG config directory, never the directory the app started from
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
        ImGui::StyleColorsDark();
        ImGui_ImplGlfw_InitForOpenGL(window, true);
        ImGui_ImplOpenGL3_Init("#version 130");
    }
    ~ImGuiSession() {
        ImGui_ImplOpenGL3_Shutdown();
        ImGui_ImplGlfw_Shutdown();
        ImGui::DestroyContext();
    }
};

// Builds the font atlas and the style at a scale; called again when the adviser presses A− / A+.
void applyScale(float scale, const ImGuiStyle& baseStyle, bool uploaded) {
    ui::loadFonts(scale);
    ImGuiStyle& style = ImGui::GetStyle();
    style = baseStyle;
    style.ScaleAllSizes(scale);
    if (uploaded) {
        ImGui_ImplOpenGL3_DestroyFontsTexture();
        ImGui_ImplOpenGL3_CreateFontsTexture();
    }
}

void writeScreenshot(GLFWwindow* window, const std::string& file) {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window, &w, &h);
    std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * h * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, w, h, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    stbi_flip_vertically_on_write(1);  // OpenGL's rows start at the bottom
    if (!stbi_write_png(file.c_str(), w, h, 3, pixels.data(), w * 3))
        throw Error(Error::Kind::Io, "gui.screenshot_failed", {{"file", file}});
}

// An encrypted notebook: the passphrase screen until Notebook::unlock accepts what was typed. Runs before
// the notebook, hence before AppState: French unless --lang says otherwise (the saved preference is inside).
// Returns false when the window closes first, or the smoke test's frames run out on this screen.
bool unlockNotebook(GLFWwindow* window, const GuiOptions& options, int& frame) {
    auto tr = core::Translator::load(options.assetsDir + "/i18n", options.language.empty() ? "fr" : options.language);
    ui::UnlockScreen screen;
    while (!glfwWindowShouldClose(window)) {
        if (options.frames > 0) glfwPollEvents();
        else glfwWaitEventsTimeout(0.5);
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        const ImGuiViewport* viewport = ImGui::GetMainViewport();
        ImGui::SetNextWindowPos(viewport->WorkPos);
        ImGui::SetNextWindowSize(viewport->WorkSize);
        ImGui::Begin("##unlock", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
        auto typed = screen.draw(tr);
        ImGui::End();
        renderFrame(window);
        if (typed) {
            try {
                app::Notebook::unlock(options.dataDir, *typed);  // Argon2id: a fraction of a second, once
                explicit_bzero(typed->data(), typed->size());
                return true;
            } catch (const Error& e) {
                explicit_bzero(typed->data(), typed->size());
                screen.refused(tr.message(e));
            }
        }
        if (options.frames > 0 && ++frame >= options.frames) {
            if (!options.screenshot.empty()) writeScreenshot(window, options.screenshot);
            return false;
        }
        glfwSwapBuffers(window);
    }
    return false;
}

// The notebook did not open: its own message and a safe next step in the window (stderr alone is unseen by
// an adviser who started Médiane from a menu). Returns true for « Réessayer », false to quit.
bool showStartupProblem(GLFWwindow* window, const GuiOptions& options, const Error& error, int& frame) {
    auto tr = core::Translator::load(options.assetsDir + "/i18n", options.language.empty() ? "fr" : options.language);
    const std::string file = options.dataDir + "/" + app::Notebook::kDatabaseFile;
    auto problem = app::describeStartupProblem(error, file, tr);
    std::cerr << "mediane: " << problem.message << "\n" << problem.nextStep << std::endl;
    while (!glfwWindowShouldClose(window)) {
        if (options.frames > 0) glfwPollEvents();
        else glfwWaitEventsTimeout(0.5);
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        const ImGuiViewport* viewport = ImGui::GetMainViewport();
        ImGui::SetNextWindowPos(viewport->WorkPos);
        ImGui::SetNextWindowSize(viewport->WorkSize);
        ImGui::Begin("##startup_problem", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
        auto choice = ui::drawStartupProblem(problem, tr);
        ImGui::End();
        renderFrame(window);
        if (choice != ui::StartupChoice::None) return choice == ui::StartupChoice::Retry;
        if (options.frames > 0 && ++frame >= options.frames) {
            if (!options.screenshot.empty()) writeScreenshot(window, options.screenshot);
            return false;
        }
        glfwSwapBuffers(window);
    }
    return false;
}

}  // namespace

std::vector<std::string> screenNames() {
    std::vector<std::string> names;
    for (const auto& entry : ui::registeredScreens()) names.push_back(entry.name);
    return names;
}

int runGui(const GuiOptions& options) {
    const auto processStart = Clock::now();

    glfwSetErrorCallback(onGlfwError);
    GlfwSession glfw;
    if (!glfw.ok) throw Error(Error::Kind::Io, "gui.no_display", {{"detail", g_glfwError}});
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    if (options.frames > 0) glfwWindowHint(GLFW_DOUBLEBUFFER, GLFW_TRUE);
    GLFWwindow* window = createMainWindow("M\xC3\xA9" "diane");
    if (!window) throw Error(Error::Kind::Io, "gui.no_display", {{"detail", g_glfwError}});
    std::unique_ptr<GLFWwindow, void (*)(GLFWwindow*)> windowGuard(window, glfwDestroyWindow);
    glfwMakeContextCurrent(window);
    // Smoke tests and benchmarks measure our frame time, not the display's refresh rate.
    glfwSwapInterval(options.frames > 0 ? 0 : 1);

    ImGuiSession imgui(window);
    const ImGuiStyle baseStyle = ImGui::GetStyle();
    int frame = 0;
    const bool locked = app::Notebook::isEncrypted(options.dataDir);
    bool fontsUploaded = locked;
    if (locked) {
        applyScale(1.0f, baseStyle, false);
        if (!unlockNotebook(window, options, frame)) return 0;
    }
    std::unique_ptr<app::Notebook> notebook;
    while (!notebook) {
        try {
            notebook = app::Notebook::open(options.dataDir, options.assetsDir);
            // The structure's retention period applies at the first start of each day, offline too (docs/privacy.md).
            notebook->expireIdentitiesAtStart(notebook->retentionMonths(), core::today());
        } catch (const Error& e) {
            notebook.reset();
            if (!fontsUploaded) applyScale(1.0f, baseStyle, false);
            fontsUploaded = true;
            if (!showStartupProblem(window, options, e, frame)) return 1;
        }
    }
    app::AppState state(*notebook, options.assetsDir, options.language);
    if (const ui::ScreenEntry* shown = ui::findScreen(options.screen)) state.screen = shown->name;
    float builtScale = state.fontScale();
    applyScale(builtScale, baseStyle, fontsUploaded);

    // Background sync when this notebook is enrolled: the worker has its own thread and connection, and
    // is stopped (joined) before the notebook closes. The frame loop only ever reads its status snapshot.
    // AppState owns it, so enrolling or signing out in the window can start or stop it.
    if (app::isEnrolled(*notebook)) state.adoptSyncWorker(app::startSyncWorker(*notebook));

    ui::Shell shell;
    // Window tests drive the real window from outside: they need to know where each tagged item is.
    auto itemMap = ui::ItemMapFile::fromEnvironment();
    double firstFrameMs = 0, totalMs = 0, maxMs = 0;
    while (!glfwWindowShouldClose(window)) {
        if (options.frames > 0) {
            glfwPollEvents();
        } else {
            // An idle notebook costs no CPU: wait for input, but wake up for animations and the sync status.
            glfwWaitEventsTimeout(0.5);
        }
        if (state.fontScale() != builtScale) {
            builtScale = state.fontScale();
            applyScale(builtScale, baseStyle, true);
        }
        const auto frameStart = Clock::now();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        if (itemMap) itemMap->beginFrame();
        shell.draw(state);
        if (itemMap) itemMap->endFrame();
        renderFrame(window);
        if (options.frames > 0) glFinish();
        const auto frameEnd = Clock::now();

        ++frame;
        double ms = std::chrono::duration<double, std::milli>(frameEnd - frameStart).count();
        if (frame == 1) firstFrameMs = std::chrono::duration<double, std::milli>(frameEnd - processStart).count();
        totalMs += ms;
        maxMs = std::max(maxMs, ms);

        if (options.frames > 0 && frame >= options.frames) {
            if (!options.screenshot.empty()) writeScreenshot(window, options.screenshot);
            break;
        }
        glfwSwapBuffers(window);
    }
    rememberWindow(window);

    if (options.frames > 0) {
        char line[256];
        std::snprintf(line, sizeof line,
                      "{\"first_frame_ms\":%.2f,\"mean_frame_ms\":%.3f,\"max_frame_ms\":%.3f,\"frames\":%d}", firstFrameMs,
                      frame > 0 ? totalMs / frame : 0.0, maxMs, frame);
        std::cerr << line << std::endl;
    }
    return 0;
}

}  // namespace mediane::gui
