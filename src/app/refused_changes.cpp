#include "app/refused_changes.hpp"

namespace mediane::app {

namespace {
std::string grouped(std::int64_t n, const std::string& language) {
    std::string digits = std::to_string(n), out;
    const std::string sep = language == "fr" ? "\xE2\x80\xAF" : ",";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += sep;
        out += digits[i];
    }
    return out;
}

// A translated word for a code when the table has one, else the fallback key's text.
std::string word(const core::Translator& tr, const std::string& key, const std::string& fallbackKey,
                 const Error::Params& params = {}) {
    return tr.format(tr.has(key) ? key : fallbackKey, params);
}
}  // namespace

std::string refusedCountText(std::int64_t refused, const core::Translator& tr) {
    return tr.format(refused == 1 ? "first_day.refused_one" : "first_day.refused_many",
                     {{"n", grouped(refused, tr.language())}});
}

SyncLine withRefusals(SyncLine line, std::int64_t refused, const core::Translator& tr) {
    if (refused <= 0) return line;
    line.showRefusals = true;
    if (line.tone == SyncLine::Tone::Ok || line.tone == SyncLine::Tone::Muted) {
        // « Synchronisé » would say everything reached the hub: it did not.
        line.tone = SyncLine::Tone::Warning;
        line.detail = line.text;  // when the last sync ran stays readable in the tooltip
        line.text = refusedCountText(refused, tr);
        line.hint.clear();
    }
    return line;
}

std::vector<RefusedChangeRow> describeRefusals(const std::vector<store::RefusedOperation>& refused,
                                               const core::Translator& tr) {
    std::vector<RefusedChangeRow> rows;
    for (const auto& r : refused) {
        RefusedChangeRow row;
        row.recordId = r.recordId;
        std::string entity = word(tr, "first_day.entity." + r.entity, "first_day.entity.other", {{"entity", r.entity}});
        std::string op = word(tr, "first_day.op." + r.op, "first_day.op.other", {{"op", r.op}});
        row.what = tr.format("first_day.refused_what", {{"entity", entity}, {"op", op}});
        std::string reasonKey = "first_day.reason." + r.reason;
        row.reason = tr.has(reasonKey) ? tr.tr(reasonKey)
                                       : tr.format("first_day.reason.other", {{"message", r.message.empty() ? r.reason : r.message}});
        row.todo = word(tr, "first_day.todo." + r.reason, "first_day.todo.other");
        rows.push_back(std::move(row));
    }
    return rows;
}

}  // namespace mediane::app
