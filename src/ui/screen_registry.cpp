#include "ui/screen_registry.hpp"

namespace mediane::ui {

// Each screen's file defines its entry. They are called from this one list on purpose: a static
// initialiser in the screen's file would be dropped by the linker whenever nothing else in the program
// references that object file of the static library (the executable names no screen class any more).
// A new screen: its file, plus its entry function declared and listed below.
ScreenEntry sessionScreenEntry();
ScreenEntry learnersScreenEntry();
ScreenEntry passScreenEntry();
ScreenEntry dashboardScreenEntry();
ScreenEntry directoryScreenEntry();
ScreenEntry conflictInboxScreenEntry();

const std::vector<ScreenEntry>& registeredScreens() {
    static const std::vector<ScreenEntry> all = [] {
        std::vector<ScreenEntry> entries;
        for (auto entry : {sessionScreenEntry, learnersScreenEntry, passScreenEntry, dashboardScreenEntry,
                           directoryScreenEntry, conflictInboxScreenEntry})
            entries.push_back(entry());
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
