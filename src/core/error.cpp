#include "core/error.hpp"

namespace mediane {

namespace {
std::string describe(const std::string& key, const Error::Params& params, const std::string& field) {
    std::string text = key;
    if (!field.empty()) text += " [" + field + "]";
    for (const auto& [name, value] : params) text += " " + name + "=" + value;
    return text;
}
}  // namespace

Error::Error(Kind kind, std::string key, Params params, std::string field)
    : std::runtime_error(describe(key, params, field)),
      m_kind(kind),
      m_key(std::move(key)),
      m_params(std::move(params)),
      m_field(std::move(field)) {}

Error validationError(std::string key, std::string field, Error::Params params) {
    params.emplace("field", field);
    return Error(Error::Kind::Validation, std::move(key), std::move(params), std::move(field));
}

}  // namespace mediane
