// The role and structure this laptop was enrolled with, read without touching the device token.
#pragma once

#include <optional>
#include <string>

namespace mediane::store {

class Database;

struct EnrolledScope {
    std::string login, role, structure;  // role: adviser | coordinator | admin
    std::string hubUrl;
};

// nullopt: the notebook was never enrolled with a hub.
std::optional<EnrolledScope> enrolledScope(Database& db);

}  // namespace mediane::store
