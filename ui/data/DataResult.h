#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace herald::ui {

// What a job on the data thread produced: a value, or why not (a DbError's message, in words
// a user can act on).
template <typename T>
struct DataResult
{
    std::optional<T> value;
    QString error;

    bool ok() const { return value.has_value(); }
};

// For jobs that return nothing.
struct Done
{
};

} // namespace herald::ui
