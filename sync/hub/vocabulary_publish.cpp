#include "sync/hub/vocabulary_publish.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/calendar.hpp"
#include "core/error.hpp"
#include "core/uuid.hpp"
#include "sync/protocol/record_kinds.hpp"
#include "sync/protocol/vocabulary_wire.hpp"

namespace mediane::hub {

namespace {
using nlohmann::json;

Error refused(const std::string& key, Error::Params params) {
    return Error(Error::Kind::Validation, key, std::move(params));
}

std::set<std::string> codesOf(const json& doc, const std::string& vocabulary) {
    std::set<std::string> out;
    if (auto it = doc.find(vocabulary); it != doc.end() && it->is_array())
        for (const auto& term : *it) out.insert(term.value("code", ""));
    return out;
}

const std::vector<std::string>& codedEntities() {
    static const std::vector<std::string> entities = {"learner", "session"};
    return entities;
}

// Live records using the code, by entity.
std::int64_t recordsUsing(const std::map<std::string, std::vector<StoredRecord>>& live, const std::string& vocabulary,
                          const std::string& code) {
    std::int64_t count = 0;
    for (const auto& [entity, records] : live) {
        const auto* kind = sync::findRecordKind(entity);
        for (const auto& r : records)
            if (sync::usesCode(*kind, r.fields, vocabulary, code)) ++count;
    }
    return count;
}

json retiredJson(const std::vector<sync::CodeRetirement>& retired) {
    json out = json::array();
    for (const auto& r : retired) out.push_back({{"vocabulary", r.vocabulary}, {"code", r.code}, {"replaced_by", r.replacedBy}});
    return out;
}
}  // namespace

VocabularyPublication publishVocabularies(HubStore& store, const CurrentVocabularies& current, const std::string& text) {
    auto next = sync::parseVocabularyDocument(text);
    if (next.version <= current.version)
        throw refused("err.vocab.version_not_newer",
                      {{"version", std::to_string(next.version)}, {"current", std::to_string(current.version)}});
    VocabularyPublication out;
    out.version = next.version;
    out.previousVersion = current.version;
    out.retired = next.retired;
    json before = current.document.empty() ? json::object() : json::parse(current.document);

    for (auto it = before.begin(); it != before.end(); ++it)
        if (it->is_array() && !next.body.contains(it.key()))
            throw refused("err.vocab.missing", {{"vocabulary", it.key()}});
    for (const auto& r : next.retired) {
        auto was = codesOf(before, r.vocabulary), now = codesOf(next.body, r.vocabulary);
        if (!was.count(r.code) || now.count(r.code))
            throw refused("err.vocab.retired_unknown", {{"vocabulary", r.vocabulary}, {"code", r.code}});
        if (!r.replacedBy.empty() && !now.count(r.replacedBy))
            throw refused("err.vocab.replacement_unknown",
                          {{"vocabulary", r.vocabulary}, {"code", r.code}, {"replaced_by", r.replacedBy}});
    }

    std::map<std::string, std::vector<StoredRecord>> live;
    for (const auto& entity : codedEntities()) live[entity] = store.liveRecords(entity);
    for (auto it = before.begin(); it != before.end(); ++it) {
        if (!it->is_array()) continue;
        auto now = codesOf(next.body, it.key());
        for (const auto& code : codesOf(before, it.key())) {
            if (now.count(code)) continue;
            bool mapped = std::any_of(next.retired.begin(), next.retired.end(), [&](const sync::CodeRetirement& r) {
                return r.vocabulary == it.key() && r.code == code;
            });
            if (mapped) continue;
            if (auto used = recordsUsing(live, it.key(), code); used > 0)
                throw refused("err.vocab.retires_used",
                              {{"vocabulary", it.key()}, {"code", code}, {"records", std::to_string(used)}});
        }
    }
    for (auto it = next.body.begin(); it != next.body.end(); ++it) {
        if (!it->is_array()) continue;
        auto was = codesOf(before, it.key());
        for (const auto& code : codesOf(next.body, it.key()))
            if (!was.count(code)) out.added.push_back(it.key() + ":" + code);
    }

    store.inTransaction([&] {
        store.savePublishedVocabularies({next.version, next.body.dump(), retiredJson(next.retired).dump(), core::nowUtc()});
        if (next.retired.empty()) return;
        const std::string opId = core::newUuidV7();
        for (const auto& [entity, records] : live) {
            const auto* kind = sync::findRecordKind(entity);
            for (auto record : records) {
                auto fields = record.fields;
                auto kept = sync::retireWireCodes(*kind, fields, next.retired);
                if (fields == record.fields) continue;
                ++out.recordsRewritten;
                store.rewriteStoredFields(entity, record.recordId, [&](json& stored) {
                    sync::retireWireCodes(*kind, stored, next.retired);
                });
                for (const auto& k : kept) store.reportUnmapped({entity, record.recordId, k.field, k.code, "publish", {}});
                if (kind->lifecycle != sync::Lifecycle::Mergeable) continue;
                // Laptops holding the learner take the new state from the feed, as any edit.
                ++record.version;
                for (auto f = fields.begin(); f != fields.end(); ++f)
                    if (!record.fields.contains(f.key()) || record.fields[f.key()] != f.value())
                        record.fieldVersions[f.key()] = record.version;
                record.fields = fields;
                store.writeRecord(record, "update", opId, "hub");
            }
        }
    });
    return out;
}

}  // namespace mediane::hub
