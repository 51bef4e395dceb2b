// Where the tagged items of the live window were drawn, for a driver outside the process (the window
// tests move the pointer with xdotool): set MEDIANE_ITEM_MAP=FILE to have it written.
#pragma once

#include <memory>
#include <string>

#include "ui/widgets.hpp"

namespace mediane::ui {

// One "id x0 y0 x1 y1" line per item drawn in the last frame (window coordinates), the whole file
// replaced at once so a reader never sees half of it.
class ItemMapFile {
public:
    // Null when the environment asks for none.
    static std::unique_ptr<ItemMapFile> fromEnvironment();
    explicit ItemMapFile(std::string path);
    ~ItemMapFile();
    ItemMapFile(const ItemMapFile&) = delete;
    ItemMapFile& operator=(const ItemMapFile&) = delete;

    void beginFrame();  // forgets the previous frame's items
    void endFrame();    // writes the file when the items moved, appeared or left

private:
    std::string m_path;
    ItemRects m_items;
    std::string m_written;
};

}  // namespace mediane::ui
