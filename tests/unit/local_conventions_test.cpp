// French and English conventions on screen: dates typed day first, local times, thousands separators, plurals,
// the user's folders from the XDG files, and CSV that French spreadsheets open as columns.
#include "app/spreadsheet_csv.hpp"
#include "core/local_format.hpp"
#include "core/translator.hpp"
#include "core/user_dirs.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace mediane;

namespace {
const std::string nnbsp = "\xE2\x80\xAF";

// Sets an environment variable for one scope, and puts the previous value back.
struct ScopedEnv {
    ScopedEnv(const char* name, const std::string& value) : m_name(name) {
        if (const char* old = std::getenv(name)) m_old = old, m_had = true;
        setenv(name, value.c_str(), 1);
    }
    ~ScopedEnv() {
        if (m_had) setenv(m_name, m_old.c_str(), 1);
        else unsetenv(m_name);
    }
    const char* m_name;
    std::string m_old;
    bool m_had = false;
};
}  // namespace

TEST_CASE("a date typed day first or in ISO is read as the same ISO date") {
    CHECK(core::parseUserDate("30/11/2026") == "2026-11-30");
    CHECK(core::parseUserDate("2026-11-30") == "2026-11-30");
    CHECK(core::parseUserDate(" 3/2/2026 ") == "2026-02-03");
    CHECK(core::parseUserDate("03.02.2026") == "2026-02-03");
    CHECK(core::parseUserDate("29/02/2028") == "2028-02-29");
}

TEST_CASE("a date that is not in the calendar is not read") {
    CHECK_FALSE(core::parseUserDate("31/11/2026"));
    CHECK_FALSE(core::parseUserDate("29/02/2026"));
    CHECK_FALSE(core::parseUserDate("30/11/26"));
    CHECK_FALSE(core::parseUserDate("11/30/2026"));
    CHECK_FALSE(core::parseUserDate("30/11"));
    CHECK_FALSE(core::parseUserDate("demain"));
    CHECK_FALSE(core::parseUserDate(""));
}

TEST_CASE("a date is shown the French way in French and the English way in English") {
    CHECK(core::displayDate("2026-11-30", "fr") == "30/11/2026");
    CHECK(core::displayDate("2026-02-03", "en") == "3 Feb 2026");
    CHECK(core::displayDate("pas une date", "fr") == "pas une date");
}

TEST_CASE("a UTC stamp is shown in local time") {
    ScopedEnv tz("TZ", "Europe/Paris");
    tzset();
    CHECK(core::displayTimestamp("2026-11-30T14:05:00Z", "fr") == "30/11/2026 15:05");
    CHECK(core::displayTimestamp("2026-07-01T22:30:00Z", "fr") == "02/07/2026 00:30");  // summer time, next day
    CHECK(core::displayTimestamp("2026-11-30T14:05:00Z", "en") == "30 Nov 2026, 15:05");
    CHECK(core::displayTimestamp("jamais", "fr") == "jamais");
}

TEST_CASE("counts carry the language's thousands separator") {
    CHECK(core::formatCount(0, "fr") == "0");
    CHECK(core::formatCount(999, "fr") == "999");
    CHECK(core::formatCount(1000, "fr") == "1" + nnbsp + "000");
    CHECK(core::formatCount(1234567, "fr") == "1" + nnbsp + "234" + nnbsp + "567");
    CHECK(core::formatCount(-12345, "fr") == "-12" + nnbsp + "345");
    CHECK(core::formatCount(1234567, "en") == "1,234,567");
}

TEST_CASE("a count in words takes the plural the language wants") {
    const std::string table = R"({"k.one": "{n} bénéficiaire", "k.other": "{n} bénéficiaires", "plain": "{n} fois"})";
    auto fr = core::Translator::fromJson("fr", table);
    CHECK(fr.plural("k", 0) == "0 bénéficiaire");
    CHECK(fr.plural("k", 1) == "1 bénéficiaire");
    CHECK(fr.plural("k", 2) == "2 bénéficiaires");
    CHECK(fr.plural("k", 12000) == "12" + nnbsp + "000 bénéficiaires");
    CHECK(fr.plural("plain", 3) == "3 fois");  // no .one/.other: the key itself
    auto en = core::Translator::fromJson("en", R"({"k.one": "{n} learner", "k.other": "{n} learners"})");
    CHECK(en.plural("k", 0) == "0 learners");
    CHECK(en.plural("k", 1) == "1 learner");
    CHECK(en.plural("k", 1500) == "1,500 learners");
}

TEST_CASE("no French screen string writes a plural as (s)") {
    auto fr = core::Translator::load(test::assetsDir() + "/i18n", "fr");
    for (const char* key : {"learners.result_count", "directory_ui.result_count", "pass.receive.count",
                            "conflicts.open_count", "corrections.participants"}) {
        CAPTURE(key);
        CHECK(fr.plural(key, 1).find("(") == std::string::npos);
        CHECK(fr.plural(key, 2).find("(") == std::string::npos);
        CHECK(fr.plural(key, 2) != fr.plural(key, 1));
    }
}

TEST_CASE("the Documents folder comes from the XDG user dirs file") {
    CHECK(core::userDirFromText("# comment\nXDG_DOCUMENTS_DIR=\"$HOME/Mes documents\"\n", "DOCUMENTS", "/home/a") ==
          "/home/a/Mes documents");
    CHECK(core::userDirFromText("XDG_DOCUMENTS_DIR=\"/srv/docs\"\n", "DOCUMENTS", "/home/a") == "/srv/docs");
    CHECK(core::userDirFromText("XDG_DESKTOP_DIR=\"$HOME/Bureau\"\n", "DOCUMENTS", "/home/a").empty());
    CHECK(core::userDirFromText("XDG_DOCUMENTS_DIR=\"$HOME/\"\n", "DOCUMENTS", "/home/a").empty());

    test::TempDir dir;
    ScopedEnv home("HOME", dir.path().string());
    ScopedEnv config("XDG_CONFIG_HOME", (dir.path() / "cfg").string());
    CHECK(core::configDir() == dir.path() / "cfg" / "mediane");
    CHECK(core::documentsDir() == dir.path());  // no Documents folder at all: home
    std::filesystem::create_directories(dir.path() / "Documents");
    CHECK(core::documentsDir() == dir.path() / "Documents");
    std::filesystem::create_directories(dir.path() / "cfg");
    std::ofstream(dir.path() / "cfg" / "user-dirs.dirs") << "XDG_DOCUMENTS_DIR=\"$HOME/Documents partagés\"\n";
    CHECK(core::documentsDir() == dir.path() / "Documents partagés");
}

TEST_CASE("the settings folder falls back to ~/.config without XDG_CONFIG_HOME") {
    ScopedEnv home("HOME", "/home/conseillere");
    ScopedEnv config("XDG_CONFIG_HOME", "");
    CHECK(core::configDir() == std::filesystem::path("/home/conseillere/.config/mediane"));
}

TEST_CASE("CSV for spreadsheets has a BOM, semicolons, and the same fields") {
    const std::string rfc = "id,note,lieu\r\n1,\"Bonjour, \"\"Mme\"\" Durand\",Médiathèque; salle 2\r\n2,,x\r\n";
    const std::string excel = app::toSpreadsheetCsv(rfc);
    CHECK(excel == "\xEF\xBB\xBFid;note;lieu\r\n1;\"Bonjour, \"\"Mme\"\" Durand\";\"Médiathèque; salle 2\"\r\n2;;x\r\n");
    CHECK(app::toSpreadsheetCsv("a,b") == "\xEF\xBB\xBF" "a;b");  // no line end at the end
}

TEST_CASE("CSV for spreadsheets streams in small pieces") {
    std::ostringstream out;
    app::SpreadsheetCsv excel(out);
    for (char c : std::string("x,\"y,\"\"z\"\"\",w;v\r\n")) excel.stream().put(c);
    excel.finish();
    CHECK(out.str() == "\xEF\xBB\xBFx;\"y,\"\"z\"\"\";\"w;v\"\r\n");
}
