#include "core/directory_text.hpp"

#include <utility>
#include <vector>

namespace mediane::core {

namespace {

// UTF-8 sequences of French letters and punctuation, and what they fold to.
const std::vector<std::pair<std::string, std::string>>& foldTable() {
    static const std::vector<std::pair<std::string, std::string>> t = {
        {"à", "a"}, {"â", "a"}, {"ä", "a"}, {"á", "a"}, {"À", "a"}, {"Â", "a"}, {"Ä", "a"}, {"Á", "a"},
        {"ç", "c"}, {"Ç", "c"}, {"é", "e"}, {"è", "e"}, {"ê", "e"}, {"ë", "e"}, {"É", "e"}, {"È", "e"},
        {"Ê", "e"}, {"Ë", "e"}, {"î", "i"}, {"ï", "i"}, {"í", "i"}, {"Î", "i"}, {"Ï", "i"}, {"ô", "o"},
        {"ö", "o"}, {"ó", "o"}, {"Ô", "o"}, {"Ö", "o"}, {"ù", "u"}, {"û", "u"}, {"ü", "u"}, {"ú", "u"},
        {"Ù", "u"}, {"Û", "u"}, {"Ü", "u"}, {"ÿ", "y"}, {"Ÿ", "y"}, {"œ", "oe"}, {"Œ", "oe"}, {"æ", "ae"},
        {"Æ", "ae"}, {"’", "'"}, {"‘", "'"}, {"–", " "}, {"—", " "}, {"\xC2\xA0", " "}, {"\xE2\x80\xAF", " "},
        {"«", "\""}, {"»", "\""}};
    return t;
}

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '_' || c == '-' || c == '\r' || c == '\n'; }

}  // namespace

std::string foldText(const std::string& text) {
    std::string mapped;
    mapped.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            mapped += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
            ++i;
            continue;
        }
        bool done = false;
        for (const auto& [from, to] : foldTable()) {
            if (text.compare(i, from.size(), from) == 0) {
                mapped += to;
                i += from.size();
                done = true;
                break;
            }
        }
        if (!done) mapped += text[i++];
    }
    std::string out;
    bool pendingSpace = false;
    for (char c : mapped) {
        if (isSpace(c)) { pendingSpace = !out.empty(); continue; }
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        out += c;
    }
    return out;
}

std::string trimText(const std::string& text) {
    std::size_t b = 0, e = text.size();
    auto nbspAt = [&](std::size_t i) { return text.compare(i, 2, "\xC2\xA0") == 0; };
    while (b < e) {
        if (text[b] == ' ' || text[b] == '\t') ++b;
        else if (b + 1 < e && nbspAt(b)) b += 2;
        else break;
    }
    while (e > b) {
        if (text[e - 1] == ' ' || text[e - 1] == '\t') --e;
        else if (e >= b + 2 && nbspAt(e - 2)) e -= 2;
        else break;
    }
    return text.substr(b, e - b);
}

std::size_t codePointCount(const std::string& text) {
    std::size_t n = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

std::string firstCodePoints(const std::string& text, std::size_t count) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (n == count) return text.substr(0, i);
            ++n;
        }
    }
    return text;
}

}  // namespace mediane::core
