-- Herald schema, version 6: the rows a campaign has finished with (sent or failed) in id
-- order. With the pending index, every row of a campaign is in one of two indexes ordered by
-- id, so the console's recipients list of a million-row campaign finds the campaign's first
-- and last id by reading two entries of each, instead of reading the whole campaign. A full
-- (campaign_id, id) index would do the same but SQLite, lacking statistics, would then prefer
-- it to the pending index for claiming, and walk every sent row to find the waiting ones; a
-- partial index is only used where a query names its predicate.
CREATE INDEX send_queue_done_idx ON send_queue (campaign_id, id) WHERE status IN ('sent', 'failed');
