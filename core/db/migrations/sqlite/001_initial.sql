-- Herald schema, version 1 (SQLite).
-- Timestamps are UTC ISO-8601 text with milliseconds and a trailing Z, so that text order
-- is time order. Campaign ids are UUID text, matching PostgreSQL's uuid.

CREATE TABLE campaigns (
    id                TEXT PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE,
    template_name     TEXT NOT NULL,
    template_language TEXT NOT NULL,
    phone_number_id   TEXT,
    status            TEXT NOT NULL DEFAULT 'draft'
                      CHECK (status IN ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled', 'stopped')),
    status_reason     TEXT,
    total_contacts    INTEGER NOT NULL DEFAULT 0 CHECK (total_contacts >= 0),
    total_sent        INTEGER NOT NULL DEFAULT 0 CHECK (total_sent >= 0),
    total_failed      INTEGER NOT NULL DEFAULT 0 CHECK (total_failed >= 0),
    settings          TEXT NOT NULL DEFAULT '{}',
    created_at        TEXT NOT NULL,
    scheduled_at      TEXT,
    start_time        TEXT,
    end_time          TEXT,
    updated_at        TEXT NOT NULL
);

CREATE TABLE send_queue (
    id              INTEGER PRIMARY KEY,
    campaign_id     TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    phone           TEXT NOT NULL,
    contact_name    TEXT,
    params          TEXT NOT NULL DEFAULT '{}',
    source_line     INTEGER,
    status          TEXT NOT NULL DEFAULT 'ready'
                    CHECK (status IN ('ready', 'processing', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    claimed_by      TEXT,
    claimed_at      TEXT,
    wamid           TEXT,
    error_code      INTEGER,
    error_reason    TEXT,
    error_details   TEXT,
    fbtrace_id      TEXT,
    sent_at         TEXT,
    updated_at      TEXT NOT NULL,
    UNIQUE (campaign_id, phone)
);

-- Counting by status without an index that every status change must rewrite: rows in
-- flight or waiting are in the pending index (claiming walks it in id order), failed rows
-- in the failed index (resend and the failures view group them by reason), and sent is
-- the campaign's total (an index-only count over the unique index) minus the two. Recording
-- a sent message then only removes one entry from the pending index.
CREATE INDEX send_queue_pending_idx ON send_queue (campaign_id, id) WHERE status IN ('ready', 'processing');
CREATE INDEX send_queue_failed_idx ON send_queue (campaign_id, error_reason) WHERE status = 'failed';

CREATE TABLE templates (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL,
    language            TEXT NOT NULL,
    status              TEXT NOT NULL,
    category            TEXT,
    previous_category   TEXT,
    category_changed_at TEXT,
    components          TEXT NOT NULL DEFAULT '[]',
    parameter_format    TEXT,
    updated_at          TEXT NOT NULL,
    UNIQUE (name, language)
);

-- Meta re-categorises templates; remember what the category was and when it changed, so
-- the user can be warned before a campaign starts on it.
CREATE TRIGGER templates_category_change
AFTER UPDATE OF category ON templates
WHEN OLD.category IS NOT NEW.category AND OLD.category IS NOT NULL
BEGIN
    UPDATE templates
       SET previous_category = OLD.category,
           category_changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
     WHERE id = NEW.id;
END;

CREATE TABLE daily_summary (
    day         TEXT NOT NULL,
    campaign_id TEXT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    sent        INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, campaign_id)
);

CREATE TABLE opt_outs (
    phone      TEXT PRIMARY KEY,
    source     TEXT NOT NULL CHECK (source IN ('manual', 'import', 'api')),
    reason     TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE app_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
