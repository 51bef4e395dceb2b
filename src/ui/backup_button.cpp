#include "ui/backup_button.hpp"

#include <filesystem>

#include "app/notebook_backup.hpp"
#include "app/user_folders.hpp"
#include "store/notebook_backup.hpp"
#include "ui/folder_picker.hpp"

namespace mediane::ui {

namespace {
FolderPicker& picker() {
    static FolderPicker p;
    return p;
}
}  // namespace

void openBackup(app::AppState& state) {
    std::string start;
    state.run([&] { start = app::exportFolder(state.notebook()); });
    picker().open(start);
}

void drawBackup(app::AppState& state) {
    auto chosen = picker().draw(state);
    if (!chosen) return;
    const std::string dataDir = std::filesystem::path(state.notebook().dataFile()).parent_path().string();
    sql::BackupFile done;
    if (!state.run([&] { done = app::backupNotebookToFolder(dataDir, *chosen); })) return;
    const std::string key = store::backupKeyFile(done.file);
    std::error_code ec;
    if (std::filesystem::exists(key, ec))
        state.showSuccess("backup.done_encrypted", {{"file", done.file}, {"key", key}});
    else
        state.showSuccess("backup.done", {{"file", done.file}});
}

}  // namespace mediane::ui
