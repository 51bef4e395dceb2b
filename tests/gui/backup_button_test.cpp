// « Sauvegarder » in the status bar, driven by injected clicks: the folder picker, then a checked backup there.
#include <catch2/catch.hpp>

#include <filesystem>

#include "app/app_state.hpp"
#include "app/user_folders.hpp"
#include "gui_fixture.hpp"
#include "imgui_harness.hpp"
#include "store/database.hpp"
#include "support/temp_dir.hpp"
#include "ui/status_bar.hpp"

using mediane::app::AppState;
using mediane::app::Banner;
using mediane::test::GuiFixture;
using mediane::test::ImGuiHarness;
namespace fs = std::filesystem;

namespace {
std::vector<fs::path> backupsIn(const fs::path& folder) {
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(folder))
        if (e.path().extension() == ".sqlite") files.push_back(e.path());
    return files;
}
}  // namespace

TEST_CASE("« Sauvegarder » writes a whole copy of the notebook into the folder chosen", "[backup_button]") {
    GuiFixture f;
    mediane::test::TempDir usb;
    mediane::app::rememberExportFolder(*f.notebook, usb.str());  // the picker starts where exports go
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    state.refreshStatus();
    ImGuiHarness h{mediane::test::inWindow([&] { mediane::ui::drawStatusBar(state); })};
    h.frame();
    REQUIRE(h.has("status.backup"));
    h.click("status.backup");
    h.frames(2);
    REQUIRE(h.has("folder_picker.choose"));
    h.click("folder_picker.choose");
    h.frames(2);
    CHECK_FALSE(h.has("folder_picker.choose"));

    REQUIRE(state.banner.kind == Banner::Kind::Success);
    auto files = backupsIn(usb.path());
    REQUIRE(files.size() == 1);
    CHECK(state.banner.text.find(files[0].string()) != std::string::npos);
    mediane::store::Database copy(files[0].string());
    CHECK(copy.scalarInt("SELECT count(*) FROM learners") == 3);
}

TEST_CASE("« Sauvegarder » into a folder that went away says so and writes nothing", "[backup_button]") {
    GuiFixture f;
    mediane::test::TempDir usb;
    const fs::path unplugged = usb.path() / "CLE_USB";
    fs::create_directories(unplugged);
    mediane::app::rememberExportFolder(*f.notebook, unplugged.string());
    AppState state{*f.notebook, mediane::test::assetsDir(), "fr"};
    ImGuiHarness h{mediane::test::inWindow([&] { mediane::ui::drawStatusBar(state); })};
    h.frame();
    h.click("status.backup");
    h.frames(2);
    fs::remove(unplugged);  // the stick is pulled out while the picker shows
    h.click("folder_picker.choose");
    h.frames(2);
    CHECK(state.banner.kind == Banner::Kind::Error);
    CHECK(state.banner.text.find("CLE_USB") != std::string::npos);
    CHECK_FALSE(fs::exists(unplugged));
}
