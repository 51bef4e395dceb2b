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
    exec("PRAGMA journal_mode=WAL");
    exec("PRAGMA synchronous=FULL");
    exec("PRAGMA foreign_keys=ON");
    // Deleted and overwritten content is zeroed, so an erased learner leaves no bytes in free pages.
    exec("PRAGMA secure_delete=ON");
}

}  // namespace mediane::hub
