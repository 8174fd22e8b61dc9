ALTER TABLE "nudges" ADD COLUMN "starts" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Every sent nudge moves next_nudge_at out of the due range of deliveries_due, leaving a dead
-- index entry there; vacuum this table sooner than the default 20% so the range stays small.
ALTER TABLE "deliveries" SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000);
--> statement-breakpoint
-- The scheduler's claim, in one round trip: take up to max_rows deliveries whose next look is due,
-- skipping rows another instance holds, and hold them until lease_until under a claim token.
-- Two planner choices matter at a million rows, so they are not left to chance:
-- - Bitmap scans are off: expecting few due rows, the planner would read deliveries_due as a
--   bitmap, which visits every dead entry earlier claims left in the due range and never clears
--   them; the ordered index scan stops after max_rows and marks them dead as it passes.
-- - EXECUTE plans the statement with the actual values on every call; a cached generic plan would
--   guess the limit and could update through a scan of the whole table.
CREATE OR REPLACE FUNCTION kenshu_claim_due(due_before timestamptz, max_rows integer, lease_until timestamptz, token text)
RETURNS SETOF bigint
LANGUAGE plpgsql
SET enable_bitmapscan = off
AS $$
BEGIN
  RETURN QUERY EXECUTE
    'WITH claimed AS (
       UPDATE deliveries SET next_nudge_at = $3, claim_token = $4
       WHERE id IN (
         SELECT id FROM deliveries
         WHERE next_nudge_at <= $1
         ORDER BY next_nudge_at
         LIMIT $2
         FOR UPDATE SKIP LOCKED)
       RETURNING id)
     SELECT id FROM claimed'
    USING due_before, max_rows, lease_until, token;
END
$$;
