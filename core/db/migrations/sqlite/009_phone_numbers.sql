-- The account's phone numbers and each one's ceiling (messages per second), stored with the
-- data so every console, run and worker uses the same. A number not listed sends at
-- api.rate_ceiling.
CREATE TABLE phone_numbers (
    id           TEXT PRIMARY KEY,
    label        TEXT NOT NULL DEFAULT '',
    rate_ceiling REAL NOT NULL CHECK (rate_ceiling > 0),
    added_at     TEXT NOT NULL
);
