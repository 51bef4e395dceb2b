#include <catch2/catch.hpp>

#include "core/csv.hpp"

using namespace mediane::core;

TEST_CASE("quoted fields keep delimiters, doubled quotes and line breaks", "[csv]") {
    auto doc = readCsv("a,b,c\n\"x,1\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,2,3\n");
    REQUIRE(doc.records.size() == 3);
    CHECK(doc.records[1].fields == std::vector<std::string>{"x,1", "say \"hi\"", "two\nlines"});
    // The record after a multi-line field starts on physical line 4, and reports say so.
    CHECK(doc.records[2].line == 4);
    CHECK(doc.records[2].fields[0] == "next");
}

TEST_CASE("a spreadsheet's BOM, semicolons and CRLF are recognised", "[csv]") {
    auto doc = readCsv("\xEF\xBB\xBFid;nom\r\n1;\"a;b\"\r\n\r\n2;c\r\n");
    CHECK(doc.hadBom);
    CHECK(doc.crlf);
    CHECK(doc.delimiter == ';');
    CHECK(doc.encoding == "utf-8");
    REQUIRE(doc.records.size() == 3);
    CHECK(doc.records[0].fields[0] == "id");  // no BOM glued to the first column name
    CHECK(doc.records[1].fields[1] == "a;b");
    CHECK(doc.records[2].line == 4);
}

TEST_CASE("Windows-1252 bytes are detected and converted to UTF-8", "[csv]") {
    auto doc = readCsv("nom;prix\r\nM\xe9" "diath\xe8que \x93" "Aubrac\x94;5 \x80\r\n");
    CHECK(doc.encoding == "windows-1252");
    CHECK(doc.records[1].fields[0] == "Médiathèque “Aubrac”");
    CHECK(doc.records[1].fields[1] == "5 €");
}

TEST_CASE("a UTF-8 file with one damaged row stays UTF-8 and keeps the bad bytes for the caller", "[csv]") {
    auto doc = readCsv("nom\nMédiathèque\nBiblioth\xe8que\n");
    CHECK(doc.encoding == "utf-8");
    CHECK(doc.records[2].fields[0] == "Biblioth\xe8que");
}

TEST_CASE("a broken quote rejects its record only and names line and column", "[csv]") {
    auto doc = readCsv("a,b\n1,\"x\"y\n2,ok\n3,b\"ad\n4,fine\n");
    REQUIRE(doc.records.size() == 5);
    CHECK(doc.records[1].error == "csv.quote_unexpected");
    CHECK(doc.records[1].line == 2);
    CHECK(doc.records[1].errorColumn == 2);
    CHECK(doc.records[2].fields == std::vector<std::string>{"2", "ok"});
    CHECK(doc.records[3].error == "csv.quote_in_field");
    CHECK(doc.records[4].fields == std::vector<std::string>{"4", "fine"});
}

TEST_CASE("an unterminated quote does not swallow the rest of the file", "[csv]") {
    auto doc = readCsv("a,b\n1,\"never closed\n2,ok\n3,ok\n");
    REQUIRE(doc.records.size() == 4);
    CHECK(doc.records[1].error == "csv.quote_unterminated");
    CHECK(doc.records[1].line == 2);
    CHECK(doc.records[2].fields == std::vector<std::string>{"2", "ok"});
    CHECK(doc.records[3].line == 4);
}

TEST_CASE("written rows quote only what needs it and read back identically", "[csv]") {
    std::vector<std::string> row = {"plain", "a,b", "say \"hi\"", "two\nlines", " padded", "", "A|B"};
    std::string text = csvRow({"1", "2", "3", "4", "5", "6", "7"}) + csvRow(row);
    CHECK(csvRow({"plain", "A|B"}) == "plain,A|B\r\n");
    auto doc = readCsv(text);
    REQUIRE(doc.records.size() == 2);
    CHECK(doc.records[1].fields == row);
}
