#pragma once

namespace herald {

// The two database engines Herald speaks. SQLite is the embedded default; PostgreSQL is
// for teams that point several consoles and workers at one database.
enum class Dialect { Sqlite, Postgres };

} // namespace herald
