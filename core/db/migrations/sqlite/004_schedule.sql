-- Herald schema, version 4 (SQLite): quiet hours in the recipient's local time.

-- The recipient's country (ISO 3166 alpha-2 as libphonenumber gives it for the E.164 number),
-- filled when the row is queued; '' when unknown (rows queued before version 4, non-geographic
-- numbers), which quiet hours treat as the campaign's fallback zone. A campaign's settings map
-- each country to a time zone, so the claim only needs the set of countries whose window is
-- open now.
ALTER TABLE send_queue ADD COLUMN region TEXT NOT NULL DEFAULT '';

-- Claiming inside quiet hours walks the waiting rows of the open countries only, and counting
-- who waits groups them by country, without visiting rows of countries that are closed.
CREATE INDEX send_queue_region_idx ON send_queue (campaign_id, region, id) WHERE status IN ('ready', 'processing');
