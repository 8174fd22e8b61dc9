-- The claim (see 0002) no longer waits for its commit to reach the disk: on a shared disk that wait
-- was most of the claim's tail. This is safe because nothing leaves Kenshu on the strength of the
-- claim alone: before anything is sent, the scheduler records the attempt (NudgeStore.begin) in a
-- transaction that does wait, and flushing that commit flushes the claim's, which comes before it
-- in the log. If the server stops before then, the claim is lost with nothing sent, and the
-- deliveries are simply due again. set_config(..., true) lasts until the end of the claim's own
-- transaction, unlike a SET clause on the function, which ends before the commit.
CREATE OR REPLACE FUNCTION kenshu_claim_due(due_before timestamptz, max_rows integer, lease_until timestamptz, token text)
RETURNS SETOF bigint
LANGUAGE plpgsql
SET enable_bitmapscan = off
AS $$
BEGIN
  PERFORM set_config('synchronous_commit', 'off', true);
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
