// Which hub addresses a laptop may talk to: HTTPS anywhere, plain HTTP only to this machine's loopback.
#pragma once

#include <string>

namespace mediane::sync {

// The host part of an http(s) URL, lower-cased, without brackets or port ("" when it has none).
std::string hubHost(const std::string& url);
// 127.0.0.0/8, ::1 and localhost: traffic that never leaves the machine.
bool isLoopbackHost(const std::string& host);
// Throws Error (Validation, field "sync.hub"): "err.sync.hub_url" for what is not an http(s) URL,
// "err.sync.plain_http" for plain HTTP to another machine (the password and token would cross the
// network in clear).
void requireSafeHubUrl(const std::string& url);

}  // namespace mediane::sync
