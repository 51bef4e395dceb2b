// The kinds of records laptops and the hub exchange, each described once: wire fields, lifecycle, conflict rule.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace mediane::sync {

// How a record changes once it exists.
enum class Lifecycle {
    Mergeable,        // edited in place; concurrent edits merge field by field (learner, session)
    AppendOnly,       // a fact: never updated, a correction is a new record (booklet, cheque event, assessment)
    HubAuthoritative  // the directory: the hub's copy wins; an adviser's edit is a proposal (place)
};

// What the hub does when two writes meet.
enum class ConflictRule {
    FieldMerge,      // disjoint fields merge; the same field changed on both sides is a hard conflict
    FirstCopyWins,   // a fact arrives once; a second create with the same id is refused
    OverRedemption,  // a second redemption of one cheque is kept and raised for a person to decide
    Proposal         // a change from someone who may not edit it waits for a coordinator
};

enum class FieldType { Text, Integer, TextList, IntegerList };

// The field that keeps, on a learner or a session, the codes an older vocabulary had and the current one lacks.
inline constexpr std::string_view kLegacyCodesField = "legacy_codes";

// What a field means beyond its type, where the hub or a laptop treats it specially.
enum class FieldRole {
    Plain,
    Reference,        // the id of another record (refersTo): stored as NULL when that record is unknown locally
    Choice,           // one of a closed list of codes (choices)
    OwnerStructure,   // the structure the record belongs to: the hub refuses one outside the sender's scope
    StampedStructure, // the hub overwrites it with the sender's structure
    StampedAdviser,   // the hub overwrites it with the sender's login
    Derived           // a summary of other records (derivedFrom), carried for readers of the wire
};

struct RecordField {
    std::string wire;
    FieldType type = FieldType::Text;
    FieldRole role = FieldRole::Plain;
    std::string refersTo;              // Reference: the entity (or "pass_cheque") the id names
    std::vector<std::string> choices;  // Choice: the allowed codes
    std::string derivedFrom;           // Derived: "<entity>.<field>" whose values make this list
    // Codes of this vocabulary of assets/vocab (a text or a list of them, or "code:count" head counts):
    // translated between vocabulary versions, shown by their label.
    std::string vocabulary;
    bool headCounts = false;           // a list of "code:count" entries (anonymous participants by a vocabulary)
};

struct RecordKind {
    std::string entity;  // the wire name: "learner", "session"...
    Lifecycle lifecycle = Lifecycle::AppendOnly;
    ConflictRule conflicts = ConflictRule::FirstCopyWins;
    std::vector<RecordField> fields;
    // The directory's places also carry every field of the national schema of lieux de médiation
    // numérique, described by that schema (core/directory_schema) rather than listed here.
    bool openFields = false;
    // Whether a laptop may delete it (erasure): a cheque event never is, a correction is a new event.
    bool erasable = true;
    // Whether only a coordinator or an admin of its structure writes it (a structure's settings): the hub refuses
    // an adviser's change, and a laptop does not offer it.
    bool coordinatorsOnly = false;

    const RecordField* field(std::string_view wire) const;
};

// Every kind, in dependency order: a kind refers only to kinds before it.
const std::vector<RecordKind>& recordKinds();
// Whether an update may set this field: a derived field follows other records (a session's cheques follow
// their redemption events) and a stamped or owner field is the hub's to say, so none of them is corrected.
bool isCorrectable(const RecordField& field);

// A created record's fields as both sides hold them once the hub has acknowledged it: a stamped field the
// laptop left empty (a session typed before enrolment) takes its account's structure or login, on the hub
// when it stores the record and on the laptop when it reads the answer (docs/sync-protocol.md, no echo).
nlohmann::json stampedAsAcknowledged(const RecordKind& kind, nlohmann::json fields, const std::string& structure,
                                     const std::string& login);

// Nullptr for an entity the protocol does not know.
const RecordKind* findRecordKind(std::string_view entity);

// Not a record: a person's decision on a conflict, pushed through the outbox like a record.
inline constexpr std::string_view kConflictResolutionEntity = "conflict_resolution";
// Not a record either: a laptop telling the hub's privacy audit that it exported what it holds about a
// learner (the right of access). Fields: "action" ("export"), "learner_id", "format"; never a value.
inline constexpr std::string_view kPrivacyEventEntity = "privacy_event";

}  // namespace mediane::sync
