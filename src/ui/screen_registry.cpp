#include "ui/screen_registry.hpp"

namespace mediane::ui {

// Each screen's file defines its entry. They are called from this one list on purpose: a static
// initialiser in the screen's file would be dropped by the linker whenever nothing else in the program
// references that object file of the static library (the executable names no screen class any more).
// A new screen: its file, plus one line here.
#define MEDIANE_SCREENS(SCREEN)  \
    SCREEN(sessionScreenEntry)   \
    SCREEN(learnersScreenEntry)  \
    SCREEN(passScreenEntry)      \
    SCREEN(dashboardScreenEntry) \
    SCREEN(directoryScreenEntry) \
    SCREEN(conflictInboxScreenEntry)

#define MEDIANE_DECLARE_SCREEN(entry) ScreenEntry entry();
MEDIANE_SCREENS(MEDIANE_DECLARE_SCREEN)
#undef MEDIANE_DECLARE_SCREEN

const std::vector<ScreenEntry>& registeredScreens() {
    static const std::vector<ScreenEntry> all = [] {
        std::vector<ScreenEntry> entries;
#define MEDIANE_LIST_SCREEN(entry) entries.push_back(entry());
        MEDIANE_SCREENS(MEDIANE_LIST_SCREEN)
#undef MEDIANE_LIST_SCREEN
        return entries;
    }();
    return all;
}

const ScreenEntry* findScreen(const std::string& name) {
    for (const auto& entry : registeredScreens())
        if (entry.name == name) return &entry;
    return nullptr;
}

}  // namespace mediane::ui
