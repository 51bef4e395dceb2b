// A domain record read from a row selected as "id, <its kind's columns>" (RecordRows::selectList).
#pragma once

#include <nlohmann/json.hpp>

#include "store/record_rows.hpp"
#include "sync/protocol/record_wire.hpp"

namespace mediane::store {

template <class Record>
Record readRecord(const RecordRows& rows, const Statement& st) {
    Record record;
    record.id = st.columnText(0);
    nlohmann::json wire = nlohmann::json::object();
    rows.readColumns(st, 1, wire);
    sync::fromWire(wire, record);
    return record;
}

}  // namespace mediane::store
