-- The account's phone numbers and each one's ceiling (messages per second), stored with the
-- data so every console, run and worker uses the same. A number not listed sends at
-- api.rate_ceiling.
CREATE TABLE phone_numbers (
    id           text PRIMARY KEY,
    label        text NOT NULL DEFAULT '',
    rate_ceiling double precision NOT NULL CHECK (rate_ceiling > 0),
    added_at     timestamptz NOT NULL
);
