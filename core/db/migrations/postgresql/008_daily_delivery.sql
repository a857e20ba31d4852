-- The daily summary gains delivered and read: of the messages sent that day, how many were
-- delivered and read so far (callbacks arrive later; a refresh counts them then).
ALTER TABLE daily_summary ADD COLUMN delivered bigint NOT NULL DEFAULT 0;
ALTER TABLE daily_summary ADD COLUMN read bigint NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION refresh_daily_summary(_since date DEFAULT NULL) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM daily_summary WHERE _since IS NULL OR day >= _since;
    INSERT INTO daily_summary (day, campaign_id, sent, failed, delivered, read)
    SELECT (COALESCE(q.sent_at, q.updated_at) AT TIME ZONE 'UTC')::date AS day,
           q.campaign_id,
           count(*) FILTER (WHERE q.status = 'sent'),
           count(*) FILTER (WHERE q.status = 'failed'),
           count(*) FILTER (WHERE q.status = 'sent' AND q.delivered_at IS NOT NULL),
           count(*) FILTER (WHERE q.status = 'sent' AND q.read_at IS NOT NULL)
      FROM send_queue q
     WHERE q.status IN ('sent', 'failed')
       AND (_since IS NULL OR COALESCE(q.sent_at, q.updated_at) >= (_since::timestamp AT TIME ZONE 'UTC'))
     GROUP BY 1, 2;
END;
$$;
