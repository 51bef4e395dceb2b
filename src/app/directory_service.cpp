#include "app/directory_service.hpp"

#include <nlohmann/json.hpp>

#include "core/directory_import_report.hpp"

#include <ctime>

#include "app/notebook.hpp"
#include "core/error.hpp"
#include "core/text_file.hpp"

namespace mediane::app {

DirectoryService::DirectoryService(Notebook& notebook, const std::string& assetsDir)
    : DirectoryService(notebook, core::DirectorySchema::loadFile(assetsDir + "/directory/schema.json")) {}

DirectoryService::DirectoryService(Notebook& notebook, core::DirectorySchema schema)
    : m_notebook(notebook), m_schema(std::move(schema)), m_repository(notebook.directoryStore()) {}

DirectoryImportResult DirectoryService::importFile(const std::string& path) {
    return importText(core::readTextFile(path), path);
}

DirectoryImportResult DirectoryService::importText(const std::string& bytes, const std::string& fileName) {
    DirectoryImportResult result;
    result.file = fileName;
    result.plan = core::planDirectoryImport(bytes, m_schema, fileName);
    auto tx = m_notebook.transaction();
    for (const auto& [line, place] : result.plan.places) {
        switch (m_repository.upsert(place)) {
            case store::DirectoryRepository::Upsert::Created: ++result.created; break;
            case store::DirectoryRepository::Upsert::Updated: ++result.updated; break;
            case store::DirectoryRepository::Upsert::Unchanged: ++result.unchanged; break;
        }
    }
    tx.commit();
    return result;
}

DirectoryExportResult DirectoryService::exportable() {
    DirectoryExportResult out;
    for (auto& place : m_repository.all()) {
        auto violations = m_schema.check(place);
        if (violations.empty()) out.places.push_back(std::move(place));
        else out.skipped.emplace_back(place.id, violations.front());
    }
    return out;
}

const core::OpeningHours& DirectoryService::hours(const std::string& text) {
    auto it = m_hours.find(text);
    if (it == m_hours.end()) it = m_hours.emplace(text, core::OpeningHours::parse(text)).first;
    return it->second;
}

std::vector<PlaceSummary> DirectoryService::search(const DirectoryQuery& query) {
    store::DirectoryFilter filter{query.text, query.service, query.publicType, query.freeOnly, std::nullopt, query.limit};
    if (query.openAt) {
        // Why by distinct text: the few dozen hour patterns are evaluated once, and SQL keeps the LIMIT.
        std::vector<std::string> open;
        for (const auto& text : m_repository.distinctHours())
            if (hours(text).isOpenAt(*query.openAt).value_or(false)) open.push_back(text);
        filter.hoursAmong = std::move(open);
    }
    std::vector<PlaceSummary> out;
    for (auto& hit : m_repository.search(filter)) {
        PlaceSummary s{std::move(hit.id), std::move(hit.name), std::move(hit.commune), std::move(hit.postalCode),
                       std::move(hit.services), std::nullopt, std::move(hit.typologie)};
        if (query.openAt) s.openAtQueryTime = true;
        else if (query.badgeAt) s.openAtQueryTime = hours(hit.horaires).isOpenAt(*query.badgeAt);
        out.push_back(std::move(s));
    }
    return out;
}

PlaceCard DirectoryService::card(const std::string& placeId, const core::Translator& tr,
                                 const core::LocalDateTime& now) {
    auto place = m_repository.find(placeId);
    if (!place) throw Error(Error::Kind::NotFound, "directory.err.place_unknown", {{"id", placeId}});
    PlaceCard card;
    const auto& h = hours(place->horaires);
    card.hoursLines = h.describeLines(tr);
    card.hoursUnparsed = !h.empty() && !h.parsed();
    if (card.hoursUnparsed) card.hoursWarning = tr.format("directory.hours.unparsable", {{"value", h.text()}});
    card.openNow = h.isOpenAt(now);
    card.place = std::move(*place);
    return card;
}

void DirectoryService::orientTo(core::Session& draft, const std::string& placeId) {
    if (!m_repository.find(placeId))
        throw Error(Error::Kind::NotFound, "err.place_unknown", {{"id", placeId}}, "session.orientation_place");
    draft.orientationPlaceId = placeId;
}

nlohmann::json importReportJson(const DirectoryImportResult& result, const core::Translator& tr) {
    return core::directoryImportReport(result.file, result.plan, {result.created, result.updated, result.unchanged}, tr);
}

core::LocalDateTime localNow() {
    std::time_t t = std::time(nullptr);
    std::tm local{};
    localtime_r(&t, &local);
    return {local.tm_year + 1900, local.tm_mon + 1, local.tm_mday, local.tm_hour, local.tm_min};
}

}  // namespace mediane::app
