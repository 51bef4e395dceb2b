#include "sync/protocol/identifiers.hpp"

#include "core/error.hpp"

namespace mediane::sync {

namespace {
bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
}  // namespace

bool isUuid(const std::string& text) {
    if (text.size() != 36) return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? text[i] != '-' : !isHex(text[i])) return false;
    }
    return true;
}

bool isPlainId(const std::string& text) {
    if (text.empty() || text.size() > 128) return false;
    for (char c : text) {
        bool ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
                  c == '_' || c == '.' || c == ':' || c == '#';
        if (!ok) return false;
    }
    return true;
}

bool isPlaceId(const std::string& text) {
    if (text.empty() || text.size() > 200 || text.front() == ' ' || text.back() == ' ') return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) return false;
        // C1 controls are U+0080..U+009F: 0xC2 followed by 0x80..0x9F in UTF-8.
        if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9f) return false;
    }
    return true;
}

bool isRecordId(const std::string& entity, const std::string& recordId) {
    if (entity == "place") return isPlaceId(recordId);
    if (entity == "conflict_resolution") {
        if (recordId.empty() || recordId.size() > 18) return false;
        for (char c : recordId)
            if (c < '0' || c > '9') return false;
        return true;
    }
    return isPlainId(recordId);
}

void requireId(bool valid, const std::string& field) {
    if (!valid) throw Error(Error::Kind::Validation, "err.sync.id_invalid", {{"field", field}}, field);
}

}  // namespace mediane::sync
