#include "ui/item_map_file.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace mediane::ui {

std::unique_ptr<ItemMapFile> ItemMapFile::fromEnvironment() {
    const char* path = std::getenv("MEDIANE_ITEM_MAP");
    if (!path || !*path) return nullptr;
    return std::make_unique<ItemMapFile>(path);
}

ItemMapFile::ItemMapFile(std::string path) : m_path(std::move(path)) { setItemRecorder(&m_items); }

ItemMapFile::~ItemMapFile() { setItemRecorder(nullptr); }

void ItemMapFile::beginFrame() { m_items.clear(); }

void ItemMapFile::endFrame() {
    std::ostringstream text;
    for (const auto& [id, r] : m_items)
        text << id << ' ' << static_cast<int>(r.minX) << ' ' << static_cast<int>(r.minY) << ' '
             << static_cast<int>(r.maxX) << ' ' << static_cast<int>(r.maxY) << '\n';
    auto now = text.str();
    if (now == m_written) return;
    const std::string temporary = m_path + ".part";
    {
        std::ofstream out(temporary, std::ios::trunc);
        out << now;
        if (!out) return;  // a test aid: a full disk only leaves the previous map
    }
    if (std::rename(temporary.c_str(), m_path.c_str()) == 0) m_written = std::move(now);
}

}  // namespace mediane::ui
