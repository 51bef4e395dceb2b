#include "ui/fonts.hpp"

#include <imgui.h>

#include <filesystem>
#include <iostream>

namespace mediane::ui {

namespace {
// Latin-1, Latin Extended-A (œ Œ), General Punctuation (’ “ ” … – —), €, the arrows of the picker hint,
// and the minus sign of "A−".
const ImWchar kFrenchRanges[] = {
    0x0020, 0x00FF, 0x0100, 0x017F, 0x2000, 0x206F, 0x20AC, 0x20AC, 0x2190, 0x2193, 0x2212, 0x2212, 0,
};
bool g_warned = false;
}  // namespace

bool loadFonts(float scale, const std::string& fontFile) {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    std::error_code ec;
    if (std::filesystem::exists(fontFile, ec)) {
        ImFontConfig config;
        config.OversampleH = 2;  // sharper small text at a modest atlas size
        config.OversampleV = 1;
        if (io.Fonts->AddFontFromFileTTF(fontFile.c_str(), kBaseFontPixels * scale, &config, kFrenchRanges)) return true;
    }
    if (!g_warned) {
        std::cerr << "mediane: font " << fontFile
                  << " not found: using ImGui's built-in font, which cannot show accents (install fonts-dejavu-core)\n";
        g_warned = true;
    }
    ImFontConfig config;
    config.SizePixels = 13.0f * scale;
    io.Fonts->AddFontDefault(&config);
    return false;
}

}  // namespace mediane::ui
