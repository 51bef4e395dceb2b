// PgHubStore: which structures' pulls an event on a cheque reaches besides its own, as sqlite_cheque_links.cpp
// explains. Written under the feed lock, so two processes never each miss the other's half of a link.
#include "sync/hub/pg_hub_store.hpp"

#include "sync/protocol/json_fields.hpp"

namespace mediane::hub {

void PgHubStore::linkCheques(const StoredRecord& r, std::int64_t serverSeq) {
    if (r.structure.empty() || r.deleted) return;
    if (r.entity == "cheque_event") {
        const auto number = sync::storedInteger(r.fields, "number");
        if (number <= 0) return;
        run("INSERT INTO cheque_links (structure, server_seq) "
            "SELECT structure, $1::bigint FROM records WHERE entity = 'cheque_event' AND json_num(fields, 'number') = $2 "
            "AND structure NOT IN ('', $3) "
            "UNION SELECT structure, $1::bigint FROM records WHERE entity = 'pass_booklet' AND deleted = 0 "
            "AND json_num(fields, 'first_number') BETWEEN "
            "$2::bigint - (SELECT value::bigint FROM meta WHERE key = 'booklet_span') AND $2 "
            "AND json_num(fields, 'last_number') >= $2 AND structure NOT IN ('', $3) "
            "ON CONFLICT DO NOTHING",
            serverSeq, number, r.structure);
        run("INSERT INTO cheque_links (structure, server_seq) "
            "SELECT $1::text, server_seq FROM changes WHERE entity = 'cheque_event' AND json_num(fields, 'number') = $2 "
            "AND structure NOT IN ('', $1) ON CONFLICT DO NOTHING",
            r.structure, number);
    } else if (r.entity == "pass_booklet") {
        const auto first = sync::storedInteger(r.fields, "first_number"), last = sync::storedInteger(r.fields, "last_number");
        if (first <= 0 || last < first) return;
        // The widest booklet's span bounds the booklets an event's number is looked for in (sqlite_cheque_links).
        run("INSERT INTO meta (key, value) VALUES ('booklet_span', $1) ON CONFLICT (key) DO UPDATE SET "
            "value = greatest(meta.value::bigint, excluded.value::bigint)::text",
            std::to_string(last - first));
        run("INSERT INTO cheque_links (structure, server_seq) "
            "SELECT $1::text, server_seq FROM changes WHERE entity = 'cheque_event' "
            "AND json_num(fields, 'number') BETWEEN $2 AND $3 AND structure NOT IN ('', $1) ON CONFLICT DO NOTHING",
            r.structure, first, last);
    }
}

}  // namespace mediane::hub
