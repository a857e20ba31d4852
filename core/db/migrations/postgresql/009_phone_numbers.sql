-- The account's phone numbers and each one's ceiling (messages per second), stored with the
-- data so every console, run and worker uses the same. A number not listed sends at
-- api.rate_ceiling.
CREATE TABLE phone_numbers (
    id           text PRIMARY KEY,
    label        text NOT NULL DEFAULT '',
    rate_ceiling double precision NOT NULL CHECK (rate_ceiling > 0),
    added_at     timestamptz NOT NULL
);

-- What Graph API last said about each number the account sends from (listed or the default
-- one): quality rating, messaging limit tier, status, throughput level, or why it could not be
-- read. Written by a health check, read before a campaign starts.
CREATE TABLE number_health (
    phone_number_id      text PRIMARY KEY,
    verified_name        text,
    display_phone_number text,
    quality_rating       text,
    messaging_limit_tier text,
    status               text,
    throughput_level     text,
    error                text,
    checked_at           timestamptz NOT NULL
);
