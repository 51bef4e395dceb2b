#include "sync/hub/hub_database.hpp"

#include "core/error.hpp"

namespace mediane::hub {

namespace {
Error hubStorageError(const sql::Failure& f) {
    std::string what;
    switch (f.stage) {
    case sql::Stage::Open: what = "open " + f.subject; break;
    case sql::Stage::Prepare: what = "prepare " + f.subject; break;
    case sql::Stage::Bind: what = "bind"; break;
    case sql::Stage::Step: what = "step"; break;
    case sql::Stage::Exec: what = "exec"; break;
    }
    return Error(Error::Kind::Storage, "err.hub.storage", {{"what", what}, {"detail", f.detail}});
}

sql::Options hubOptions() {
    sql::Options o;
    o.threading = sql::Options::Threading::Serialized;
    o.errors = hubStorageError;
    return o;
}
}  // namespace

HubDatabase::HubDatabase(const std::string& path) : sql::Connection(path, hubOptions()) {
    // A new hub's pages are 8 KiB (an existing file keeps its own size: SQLite sets it only on an empty file).
    // `records` is keyed by (entity, record_id) WITHOUT ROWID, whose rows stay in their page only up to about a
    // quarter of it: with 4 KiB pages every session (1.3 KB with its field versions) spilled into an overflow
    // page of its own, three quarters empty, and the large demo's push wrote 400 MB of them. 8 KiB pages: 18 %
    // less hub CPU on that push (docs/benchmarks.md); 16 KiB pages gained less (each commit writes whole pages).
    exec("PRAGMA page_size=8192");
    exec("PRAGMA journal_mode=WAL");
    // FULL: in WAL mode each commit syncs the WAL before the push is acknowledged (NORMAL would not, and a
    // power cut could lose acknowledged ops).
    exec("PRAGMA synchronous=FULL");
    // A checkpoint costs two more syncs (WAL, then database) and the WAL's first frame after it one more
    // (its header): every 1,000 pages, SQLite's default, that was one checkpoint every three push batches of
    // the small demo and about every one of the large. 16,384 pages (64 MiB of WAL) keep a push batch at about
    // one sync, its commit's; committed transactions are as durable as before, recovery replays the WAL.
    exec("PRAGMA wal_autocheckpoint=16384");
    // SQLite's default cache is 2 MiB, 256 of these pages: a push batch's look-ups (records by id, the indexes'
    // inner pages) read the same pages from the file again at every batch. The hub holds one such connection.
    exec("PRAGMA cache_size=-65536");
    exec("PRAGMA foreign_keys=ON");
    // Deleted and overwritten content is zeroed, so an erased learner leaves no bytes in free pages.
    exec("PRAGMA secure_delete=ON");
}

}  // namespace mediane::hub
