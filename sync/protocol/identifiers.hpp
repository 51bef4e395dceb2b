// What an identifier on the wire may look like: checked at the protocol boundary on both ends, so a NUL,
// a control character or a look-alike never reaches a table where it could name someone else's record.
#pragma once

#include <string>

namespace mediane::sync {

// 8-4-4-4-12 hexadecimal digits (any version): op ids and the ids laptops generate.
bool isUuid(const std::string& text);
// 1 to 128 characters among letters, digits and "-_.:#": device ids and records of the sync model.
bool isPlainId(const std::string& text);
// A directory place keeps the id its producer gave it (the national standard leaves it free): 1 to 200
// bytes with no control character (C0, DEL or C1) and no surrounding space.
bool isPlaceId(const std::string& text);
// The rule above that applies to a record of this entity; conflict resolutions name a conflict number.
bool isRecordId(const std::string& entity, const std::string& recordId);

// Throws Error (Validation, "err.sync.id_invalid", field) when the test fails.
void requireId(bool valid, const std::string& field);

}  // namespace mediane::sync
