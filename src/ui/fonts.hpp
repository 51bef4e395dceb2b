// The UI font: DejaVu Sans with the glyphs French needs (é è à ç œ « » ’ … –), rebuilt when the size changes.
#pragma once

#include <string>

namespace mediane::ui {

inline constexpr float kBaseFontPixels = 16.0f;
inline constexpr const char* kDefaultFontFile = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

// Clears the atlas and loads the font at kBaseFontPixels * scale. When the file is missing, says so on
// stderr (once) and falls back to ImGui's built-in font, which lacks accents but keeps the app usable.
// Returns false on fallback. The caller re-uploads the texture (backend-specific).
bool loadFonts(float scale, const std::string& fontFile = kDefaultFontFile);

}  // namespace mediane::ui
