-- The account's phone numbers and each one's ceiling (messages per second), stored with the
-- data so every console, run and worker uses the same. A number not listed sends at
-- api.rate_ceiling.
CREATE TABLE phone_numbers (
    id           TEXT PRIMARY KEY,
    label        TEXT NOT NULL DEFAULT '',
    rate_ceiling REAL NOT NULL CHECK (rate_ceiling > 0),
    added_at     TEXT NOT NULL
);

-- What Graph API last said about each number the account sends from (listed or the default
-- one): quality rating, messaging limit tier, status, throughput level, or why it could not be
-- read. Written by a health check, read before a campaign starts.
CREATE TABLE number_health (
    phone_number_id      TEXT PRIMARY KEY,
    verified_name        TEXT,
    display_phone_number TEXT,
    quality_rating       TEXT,
    messaging_limit_tier TEXT,
    status               TEXT,
    throughput_level     TEXT,
    error                TEXT,
    checked_at           TEXT NOT NULL
);
