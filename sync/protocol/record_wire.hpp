// Each record kind's conversion to and from its wire fields, derived from its description (record_kinds.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include "core/model.hpp"

namespace mediane::sync {

// Every wire field of the record, ids of the record itself excluded (it travels as record_id).
nlohmann::json toWire(const core::Learner& record);
nlohmann::json toWire(const core::Session& record);
nlohmann::json toWire(const core::PassBooklet& record);
nlohmann::json toWire(const core::ChequeEvent& record);
nlohmann::json toWire(const core::Assessment& record);
nlohmann::json toWire(const core::Place& record);
nlohmann::json toWire(const core::PassProfile& record);
nlohmann::json toWire(const core::PassService& record);

// Fills the record's wire fields from `fields`; a missing or mistyped field leaves the member as it was
// (the record's default), so a laptop reads a record written by an older or newer Médiane.
void fromWire(const nlohmann::json& fields, core::Learner& record);
void fromWire(const nlohmann::json& fields, core::Session& record);
void fromWire(const nlohmann::json& fields, core::PassBooklet& record);
void fromWire(const nlohmann::json& fields, core::ChequeEvent& record);
void fromWire(const nlohmann::json& fields, core::Assessment& record);
void fromWire(const nlohmann::json& fields, core::Place& record);
void fromWire(const nlohmann::json& fields, core::PassProfile& record);
void fromWire(const nlohmann::json& fields, core::PassService& record);

}  // namespace mediane::sync
