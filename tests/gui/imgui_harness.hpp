// A windowless Dear ImGui 1.86 context for tests: frames of NewFrame → draw → Render, with injected input.
//
// Usage:
//   mediane::test::ImGuiHarness h([&] { shell.draw(state); });
//   h.frame();                       // lays out once, records where tagged items are (ui::tagItem)
//   h.click("session.learner_query"); // mouse over, press, release: three frames
//   h.typeText("Dup");               // characters go to the active text field
//   h.pressKey(ImGuiKey_Enter);      // down one frame, up the next
//   h.pressCtrl('S');                // Ctrl+S (GLFW key code, as ui::kKeyS)
//   REQUIRE(h.has("session.save"));
#pragma once

#include <imgui.h>

#include <functional>
#include <stdexcept>
#include <string>

#include "ui/widgets.hpp"

namespace mediane::test {

class ImGuiHarness {
public:
    using Draw = std::function<void()>;

    explicit ImGuiHarness(Draw draw, float width = 1280.0f, float height = 900.0f) : m_draw(std::move(draw)) {
        m_context = ImGui::CreateContext();
        ImGui::SetCurrentContext(m_context);
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;  // tests must not read or write imgui.ini
        io.LogFilename = nullptr;
        io.DisplaySize = ImVec2(width, height);
        io.DeltaTime = 1.0f / 60.0f;
        io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // as the app: keyboard users navigate
        // The same native key codes as the GLFW backend, so screens read keys the same way in tests.
        const int map[][2] = {{ImGuiKey_Tab, 258},       {ImGuiKey_LeftArrow, 263}, {ImGuiKey_RightArrow, 262},
                              {ImGuiKey_UpArrow, 265},   {ImGuiKey_DownArrow, 264}, {ImGuiKey_PageUp, 266},
                              {ImGuiKey_PageDown, 267},  {ImGuiKey_Home, 268},      {ImGuiKey_End, 269},
                              {ImGuiKey_Insert, 260},    {ImGuiKey_Delete, 261},    {ImGuiKey_Backspace, 259},
                              {ImGuiKey_Space, 32},      {ImGuiKey_Enter, 257},     {ImGuiKey_Escape, 256},
                              {ImGuiKey_KeyPadEnter, 335}, {ImGuiKey_A, 'A'},       {ImGuiKey_C, 'C'},
                              {ImGuiKey_V, 'V'},         {ImGuiKey_X, 'X'},         {ImGuiKey_Y, 'Y'},
                              {ImGuiKey_Z, 'Z'}};
        for (const auto& m : map) io.KeyMap[m[0]] = m[1];
        unsigned char* pixels = nullptr;
        int w = 0, h = 0;
        io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);  // NewFrame asserts the atlas is built
        io.Fonts->SetTexID(nullptr);
        io.MousePos = ImVec2(-1.0f, -1.0f);
        ui::setItemRecorder(&m_rects);
    }

    ~ImGuiHarness() {
        ui::setItemRecorder(nullptr);
        ImGui::DestroyContext(m_context);
    }

    ImGuiHarness(const ImGuiHarness&) = delete;
    ImGuiHarness& operator=(const ImGuiHarness&) = delete;

    // One frame; the rects of tagged items are those of this frame afterwards.
    void frame() {
        ImGui::SetCurrentContext(m_context);
        m_rects.clear();
        ImGui::NewFrame();
        m_draw();
        ImGui::Render();
        ++m_frameCount;
    }
    void frames(int n) {
        for (int i = 0; i < n; ++i) frame();
    }

    bool has(const std::string& tag) const { return m_rects.count(tag) > 0; }
    ui::ItemRect rect(const std::string& tag) const {
        auto it = m_rects.find(tag);
        if (it == m_rects.end()) throw std::runtime_error("no item tagged '" + tag + "' in the last frame");
        return it->second;
    }
    ImVec2 centre(const std::string& tag) const {
        auto r = rect(tag);
        return ImVec2((r.minX + r.maxX) / 2, (r.minY + r.maxY) / 2);
    }

    // Left click at the centre of a tagged item (as drawn in the last frame): hover, press, release.
    void click(const std::string& tag) {
        if (m_frameCount == 0) frame();
        clickAt(centre(tag));
    }
    void clickAt(ImVec2 pos) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = pos;
        io.MouseDown[0] = false;
        frame();
        io.MouseDown[0] = true;
        frame();
        io.MouseDown[0] = false;
        frame();
    }

    // Types UTF-8 text into whatever has keyboard focus, then runs one frame.
    void typeText(const std::string& utf8) {
        ImGui::GetIO().AddInputCharactersUTF8(utf8.c_str());
        frame();
    }

    // An ImGuiKey_ (mapped through io.KeyMap): down for one frame, released the next.
    void pressKey(ImGuiKey key, bool ctrl = false) { pressNative(ImGui::GetIO().KeyMap[key], ctrl); }
    // Ctrl + a native key code, e.g. pressCtrl('S').
    void pressCtrl(int nativeKey) { pressNative(nativeKey, true); }
    void pressNative(int nativeKey, bool ctrl = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyCtrl = ctrl;
        io.KeysDown[nativeKey] = true;
        frame();
        io.KeysDown[nativeKey] = false;
        io.KeyCtrl = false;
        frame();
    }

    int frameCount() const { return m_frameCount; }

private:
    Draw m_draw;
    ImGuiContext* m_context = nullptr;
    ui::ItemRects m_rects;
    int m_frameCount = 0;
};

// Draws a screen's contents inside a full-size window, as the shell would.
inline ImGuiHarness::Draw inWindow(std::function<void()> contents) {
    return [contents = std::move(contents)] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
        ImGui::Begin("test##harness", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        contents();
        ImGui::End();
    };
}

}  // namespace mediane::test
