// Preferences of this laptop (language, font size, last place and duration): local, never synced.
#pragma once

#include <string>

namespace mediane::store {

class Database;

class LocalSettings {
public:
    explicit LocalSettings(Database& db) : m_db(db) {}
    std::string get(const std::string& key, const std::string& fallback = {});
    void set(const std::string& key, const std::string& value);
    // The device id, created on first use; it names this laptop to the hub.
    std::string deviceId();

private:
    Database& m_db;
};

}  // namespace mediane::store
