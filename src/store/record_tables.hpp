// Where each synced record kind lives in the notebook: its table, where its sync state shows, its list fields.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sync/protocol/record_kinds.hpp"

namespace mediane::store {

// A list field kept as rows of its own table: (owner, value), optionally under a facet.
struct ListStorage {
    std::string wire;
    std::string table;
    std::string ownerColumn;
    std::string valueColumn;
    std::string facetColumn;  // empty when the table holds one list
    std::string facet;
};

// A field made from other records (e.g. the cheques redeemed in a session): read, never written.
struct DerivedStorage {
    std::string wire;
    std::string select;  // ?1 is the record's id; one value per row, in order
};

// Every field of the kind that is neither a list nor derived is the column named like its wire field.
struct RecordTable {
    const sync::RecordKind* kind = nullptr;
    std::string table;
    // The rows that show the record's sync state: its own row, or (cheque events) the cheque's row, whose id
    // is the event's field stateIdField.
    std::string stateTable;
    std::string stateIdField;
    std::vector<ListStorage> lists;
    std::vector<DerivedStorage> derived;
    // The notebook's own time columns a new row needs (they are not wire fields).
    std::vector<std::string> stamps;

    const ListStorage* list(std::string_view wire) const;
    const DerivedStorage* derivedField(std::string_view wire) const;
    bool isColumn(const sync::RecordField& field) const { return !list(field.wire) && !derivedField(field.wire); }
};

const std::vector<RecordTable>& recordTables();
// Throws mediane::Error (Storage, "err.unknown_entity") for an entity the notebook has no table for.
const RecordTable& recordTable(std::string_view entity);
const RecordTable* findRecordTable(std::string_view entity);
// The table holding the records a Reference field names ("learner" → learners, "pass_cheque" → pass_cheques).
const std::string& referencedTable(std::string_view refersTo);

}  // namespace mediane::store
