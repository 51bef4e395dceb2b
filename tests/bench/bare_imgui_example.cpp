// The bare Dear ImGui example, as a yardstick for Médiane's screens under the same conditions: a GLFW + OpenGL 3
// window filling the screen's work area, the same font, ImGui's demo window and a small window of widgets, and
// the same --frames timing as `mediane --frames` (NewFrame to glFinish, JSON on stderr).
// Usage: bare_imgui_example FRAMES
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "ui/fonts.hpp"

int main(int argc, char** argv) {
    const int frames = argc > 1 ? std::max(1, std::atoi(argv[1])) : 120;
    if (glfwInit() != GLFW_TRUE) return 1;
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
    int x = 0, y = 0, width = 1280, height = 800;
    if (GLFWmonitor* monitor = glfwGetPrimaryMonitor()) glfwGetMonitorWorkarea(monitor, &x, &y, &width, &height);
    GLFWwindow* window = glfwCreateWindow(width, height, "bare ImGui example", nullptr, nullptr);
    if (!window) return 1;
    glfwMakeContextCurrent(window);
    glfwSwapInterval(0);  // measure the frame, not the display's refresh
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::StyleColorsDark();
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 130");
    mediane::ui::loadFonts(1.0f);

    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    double first = 0, total = 0, worst = 0;
    float slider = 0.5f;
    int counter = 0;
    for (int frame = 1; frame <= frames && !glfwWindowShouldClose(window); ++frame) {
        glfwPollEvents();
        const auto t0 = Clock::now();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        ImGui::ShowDemoWindow();
        ImGui::Begin("Hello, world!");
        ImGui::TextUnformatted("A few widgets, as the example has.");
        ImGui::SliderFloat("float", &slider, 0.0f, 1.0f);
        if (ImGui::Button("Button")) ++counter;
        ImGui::SameLine();
        ImGui::Text("counter = %d", counter);
        ImGui::Text("%.3f ms/frame (%.1f FPS)", 1000.0f / ImGui::GetIO().Framerate, ImGui::GetIO().Framerate);
        ImGui::End();
        ImGui::Render();
        int w = 0, h = 0;
        glfwGetFramebufferSize(window, &w, &h);
        glViewport(0, 0, w, h);
        glClearColor(0.10f, 0.10f, 0.12f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        glFinish();
        const auto t1 = Clock::now();
        const double ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
        if (frame == 1) first = std::chrono::duration<double, std::milli>(t1 - start).count();
        total += ms;
        worst = std::max(worst, ms);
        glfwSwapBuffers(window);
    }
    std::fprintf(stderr, "{\"first_frame_ms\":%.2f,\"mean_frame_ms\":%.3f,\"max_frame_ms\":%.3f,\"frames\":%d}\n", first,
                 total / frames, worst, frames);
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return 0;
}
