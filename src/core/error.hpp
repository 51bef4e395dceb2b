// The one error idiom of Médiane: a typed exception carrying a translation key, caught at one boundary.
#pragma once

#include <map>
#include <stdexcept>
#include <string>

namespace mediane {

// Why: the UI and the CLI translate the same error into the user's language, so an error
// carries a key and named parameters, not a finished sentence.
class Error : public std::runtime_error {
public:
    enum class Kind { Validation, NotFound, Refused, Storage, Io };
    using Params = std::map<std::string, std::string>;

    Error(Kind kind, std::string key, Params params = {}, std::string field = {});

    Kind kind() const { return m_kind; }
    const std::string& key() const { return m_key; }
    const Params& params() const { return m_params; }
    // The form field or input column the error is about, empty when it is about no field.
    const std::string& field() const { return m_field; }

private:
    Kind m_kind;
    std::string m_key;
    Params m_params;
    std::string m_field;
};

// Usage: throw validationError("err.required", "learner.pseudonym");
Error validationError(std::string key, std::string field, Error::Params params = {});

}  // namespace mediane
