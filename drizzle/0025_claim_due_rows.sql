-- The claim and the rows it took, in one round trip: kenshu_claim_due (0002, 0009) answers the ids
-- alone, and the scheduler then read each claimed delivery in a second statement. This one answers
-- the claimed rows themselves as they stand after the claim, so that the statement that loads what
-- a nudge is written from can select from it directly. The claim is the same: the rows due first,
-- skipping those another instance holds, and a commit that does not wait for the disk (see 0009).
-- EXECUTE plans the query on each call, so the rows follow the table should columns be added.
CREATE OR REPLACE FUNCTION kenshu_claim_due_rows(due_before timestamptz, max_rows integer, lease_until timestamptz, token text)
RETURNS SETOF deliveries
LANGUAGE plpgsql
SET enable_bitmapscan = off
AS $$
BEGIN
  PERFORM set_config('synchronous_commit', 'off', true);
  RETURN QUERY EXECUTE
    'UPDATE deliveries SET next_nudge_at = $3, claim_token = $4
     WHERE id IN (
       SELECT id FROM deliveries
       WHERE next_nudge_at <= $1
       ORDER BY next_nudge_at
       LIMIT $2
       FOR UPDATE SKIP LOCKED)
     RETURNING deliveries.*'
    USING due_before, max_rows, lease_until, token;
END
$$;
