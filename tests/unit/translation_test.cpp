#include "core/translator.hpp"
#include "support/temp_dir.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "core/text_file.hpp"

using namespace mediane;

namespace {
std::set<std::string> keysOf(const std::string& language) {
    std::set<std::string> keys;
    for (const auto& entry : std::filesystem::directory_iterator(test::assetsDir() + "/i18n/" + language))
    {
        auto doc = nlohmann::json::parse(core::readTextFile(entry.path().string()));
        for (auto& [key, value] : doc.items()) {
            INFO(entry.path().string() << ": " << key);
            CHECK(keys.insert(key).second);  // a key defined in two files of one language is ambiguous
        }
    }
    return keys;
}
}  // namespace

TEST_CASE("every French string has its English translation and the reverse") {
    auto fr = keysOf("fr"), en = keysOf("en");
    std::vector<std::string> onlyFr, onlyEn;
    std::set_difference(fr.begin(), fr.end(), en.begin(), en.end(), std::back_inserter(onlyFr));
    std::set_difference(en.begin(), en.end(), fr.begin(), fr.end(), std::back_inserter(onlyEn));
    CHECK(onlyFr == std::vector<std::string>{});
    CHECK(onlyEn == std::vector<std::string>{});
}

TEST_CASE("translation files are valid UTF-8") {
    for (const char* language : {"fr", "en"})
        for (const auto& entry : std::filesystem::directory_iterator(test::assetsDir() + "/i18n/" + language)) {
            INFO(entry.path().string());
            CHECK(core::isValidUtf8(core::readTextFile(entry.path().string())));
        }
}

TEST_CASE("an error message names its field in the user's language") {
    auto fr = core::Translator::load(test::assetsDir() + "/i18n", "fr");
    auto en = core::Translator::load(test::assetsDir() + "/i18n", "en");
    auto e = validationError("err.required", "session.themes");
    CHECK(fr.message(e) == "Le champ « Thèmes » est obligatoire : renseignez-le puis enregistrez à nouveau.");
    CHECK(en.message(e).find("Themes") != std::string::npos);
}

TEST_CASE("a missing key shows the key instead of an empty label") {
    auto t = core::Translator::fromJson("fr", R"({"a": "b"})");
    CHECK(t.tr("a") == "b");
    CHECK(t.tr("nope.missing") == "nope.missing");
}

TEST_CASE("invalid UTF-8 is detected") {
    CHECK(core::isValidUtf8("Médiane « œ » — ça"));
    CHECK_FALSE(core::isValidUtf8("caf\xC3"));
    CHECK_FALSE(core::isValidUtf8("\xC0\xAF"));          // overlong
    CHECK_FALSE(core::isValidUtf8("\xED\xA0\x80"));      // surrogate
    CHECK_FALSE(core::isValidUtf8("\xF4\x90\x80\x80"));  // beyond U+10FFFF
}

TEST_CASE("a coded value in an error message is shown in words") {
    auto fr = core::Translator::load(test::assetsDir() + "/i18n", "fr");
    Error e(Error::Kind::Refused, "err.cheque_not_in_stock", {{"number", "1004"}, {"state", "redeemed"}}, "cheque");
    CHECK(fr.message(e) == "Le chèque n° 1004 n’est plus en stock (déjà encaissé) : il ne peut pas être remis.");
}
