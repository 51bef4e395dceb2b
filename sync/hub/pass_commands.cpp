#include "sync/hub/pass_commands.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/pass_rules.hpp"
#include "core/uuid.hpp"
#include "sync/hub/push_applier.hpp"
#include "sync/hub/hub_store.hpp"
#include "sync/protocol/pass_settings.hpp"

namespace mediane::hub {

namespace {
using nlohmann::json;

// The hub's own hand: an admin of the structure concerned, on a device no laptop can be.
Principal hubAdmin(const std::string& structure) { return {"hub", "hub-admin", "admin", structure, ""}; }

sync::OpResult applyAsAdmin(HubStore& store, const std::string& structure, sync::WireOp op) {
    op.opId = core::newUuidV7();
    op.seq = 1;
    sync::PushRequest request;
    request.batch.push_back(std::move(op));
    auto response = PushApplier(store, hubAdmin(structure), nullptr).apply(request);
    return response.results.at(0);
}

void requireStructure(const std::string& structure) {
    if (structure.empty() || structure.size() > 200) throw validationError("err.required", "--structure");
}

// Creates the record, or updates the fields given on the hub's current version of it.
json upsert(HubStore& store, const std::string& entity, const std::string& id, const std::string& structure,
            json fields) {
    auto existing = store.findRecord(entity, id);
    sync::WireOp op;
    op.entity = entity;
    op.recordId = id;
    if (existing && !existing->deleted) {
        op.op = "update";
        op.baseVersion = existing->version;
        fields.erase("structure");
        if (entity == "pass_service") fields.erase("code");
    } else {
        op.op = "create";
    }
    if (auto problem = sync::passSettingsProblem(entity, id, fields, op.op == "create")) {
        // Named as the admin typed it: "fields.grace_days" is the option --grace-days.
        std::string option = *problem;
        if (option.rfind("fields.", 0) == 0) option = "--" + option.substr(7);
        std::replace(option.begin(), option.end(), '_', '-');
        throw validationError("err.hub.pass_field", option, {{"field", option}});
    }
    op.fields = std::move(fields);
    auto result = applyAsAdmin(store, structure, op);
    if (result.status == "rejected")
        throw Error(Error::Kind::Refused, "err.hub.pass_refused", {{"reason", result.reason}, {"detail", result.message}});
    auto stored = store.findRecord(entity, id);
    return {{"entity", entity}, {"id", id}, {"version", stored ? stored->version : 0},
            {"fields", stored ? stored->fields : json::object()}, {"status", result.status}};
}
}  // namespace

json setPassProfile(HubStore& store, const PassProfileChange& change) {
    requireStructure(change.structure);
    const auto id = sync::passProfileId(change.structure);
    json fields = {{"structure", change.structure}};
    if (change.distributor) fields["distributor"] = *change.distributor;
    if (change.qualifiedPlace) fields["qualified_place"] = *change.qualifiedPlace;
    if (change.graceDays) fields["grace_days"] = *change.graceDays;
    // A new profile says every field, so laptops never guess a default the hub did not state.
    if (!store.findRecord("pass_profile", id)) {
        fields.emplace("distributor", 1);
        fields.emplace("qualified_place", 1);
        fields.emplace("grace_days", core::pass_rules::ValidityPolicy::kDefaultGraceDays);
    }
    return upsert(store, "pass_profile", id, change.structure, std::move(fields));
}

json setPassService(HubStore& store, const PassServiceChange& change) {
    requireStructure(change.structure);
    if (!sync::isServiceCode(change.code)) throw validationError("err.hub.pass_field", "--code", {{"field", "--code"}});
    const auto id = sync::passServiceId(change.structure, change.code);
    json fields = {{"structure", change.structure}, {"code", change.code}};
    if (change.label) fields["label"] = *change.label;
    if (change.cheques) fields["cheques"] = *change.cheques;
    if (change.withdrawn) fields["withdrawn"] = *change.withdrawn;
    if (!store.findRecord("pass_service", id)) {
        fields.emplace("label", change.code);
        fields.emplace("cheques", 1);
        fields.emplace("withdrawn", 0);
    }
    return upsert(store, "pass_service", id, change.structure, std::move(fields));
}

json cancelChequesOnHub(HubStore& store, const ChequeCancellation& c) {
    const auto last = c.last == 0 ? c.first : c.last;
    if (c.first <= 0) throw validationError("err.booklet_first_number", "--first");
    if (last < c.first) throw validationError("err.booklet_range", "--last");
    if (last - c.first + 1 > core::pass_rules::kMaxCancelRange)
        throw validationError("err.booklet_too_large", "--last", {{"max", std::to_string(core::pass_rules::kMaxCancelRange)}});
    core::pass_rules::checkCancelReason(c.cause, c.reason);
    // Every number is checked before one is written: a range is cancelled whole or not at all.
    struct Target {
        std::int64_t number;
        std::string chequeId, structure;
        int validYear;
    };
    std::vector<Target> targets;
    for (auto n = c.first; n <= last; ++n) {
        auto booklet = store.bookletCovering(n);
        if (!booklet)
            throw Error(Error::Kind::NotFound, "err.hub.cheque_unknown", {{"number", std::to_string(n)}});
        const auto chequeId = booklet->recordId + "#" + std::to_string(n);
        for (const auto& e : store.chequeRedemptions(chequeId, n)) {
            const auto kind = e.fields.value("kind", "");
            throw Error(Error::Kind::Refused, kind == "cancelled" ? "err.hub.cheque_already_cancelled"
                                                                  : "err.hub.cheque_already_redeemed",
                        {{"number", std::to_string(n)}, {"structure", e.structure}, {"date", e.fields.value("on_date", "")}});
        }
        targets.push_back({n, chequeId, booklet->structure, booklet->fields.value("valid_year", 0)});
    }
    // One batch per structure whose booklet holds the numbers, applied in one transaction each; every number
    // was checked above, so none is refused half-way.
    std::map<std::string, sync::PushRequest> batches;
    for (const auto& t : targets) {
        sync::WireOp op;
        op.opId = core::newUuidV7();
        op.seq = static_cast<std::int64_t>(batches[t.structure].batch.size()) + 1;
        op.entity = "cheque_event";
        op.recordId = core::newUuidV7();
        op.op = "create";
        op.fields = {{"cheque_id", t.chequeId}, {"number", t.number}, {"kind", "cancelled"}, {"on_date", core::today()},
                     {"cause", c.cause}, {"reason", c.reason}, {"valid_year", t.validYear}};
        batches[t.structure].batch.push_back(std::move(op));
    }
    json cancelled = json::array();
    for (auto& [structure, request] : batches) {
        auto response = PushApplier(store, hubAdmin(structure), nullptr).apply(request);
        for (std::size_t i = 0; i < response.results.size(); ++i)
            if (response.results[i].status != "rejected") cancelled.push_back(request.batch[i].fields["number"]);
    }
    return {{"cancelled", cancelled}, {"cause", c.cause}};
}

json passSettingsOf(HubStore& store, const std::string& structure) {
    requireStructure(structure);
    json out = {{"structure", structure}, {"profile", nullptr}, {"services", json::array()}};
    if (auto profile = store.findRecord("pass_profile", sync::passProfileId(structure)); profile && !profile->deleted)
        out["profile"] = profile->fields;
    for (const auto& s : store.liveRecords("pass_service"))
        if (s.structure == structure) out["services"].push_back(s.fields);
    return out;
}

}  // namespace mediane::hub
