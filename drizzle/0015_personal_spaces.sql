-- Personal spaces: a command in a direct message acts in the writer's own community
-- (platform_community_id 'dm:<user id>'), never in one "Direct messages" community shared by
-- every member of the platform. Each writer's deliveries and reports move from the shared one
-- to their own; delivery numbers are per writer and stay as they are.
INSERT INTO "communities" ("platform", "platform_community_id", "name")
SELECT DISTINCT "shared"."platform", 'dm:' || "members"."platform_user_id", 'Direct messages'
FROM "communities" "shared"
JOIN (
  SELECT "community_id", "writer_id" AS "member_id" FROM "deliveries"
  UNION
  SELECT "community_id", "reporter_id" FROM "flags"
) "owned" ON "owned"."community_id" = "shared"."id"
JOIN "members" ON "members"."id" = "owned"."member_id"
WHERE "shared"."platform_community_id" = 'dm'
ON CONFLICT ("platform", "platform_community_id") DO NOTHING;
--> statement-breakpoint
UPDATE "deliveries" SET "community_id" = "own"."id"
FROM "communities" "shared", "members", "communities" "own"
WHERE "deliveries"."community_id" = "shared"."id" AND "shared"."platform_community_id" = 'dm'
  AND "members"."id" = "deliveries"."writer_id"
  AND "own"."platform" = "shared"."platform" AND "own"."platform_community_id" = 'dm:' || "members"."platform_user_id";
--> statement-breakpoint
-- Report numbers were unique in the shared community, so they stay unique in each writer's own.
UPDATE "flags" SET "community_id" = "own"."id"
FROM "communities" "shared", "members", "communities" "own"
WHERE "flags"."community_id" = "shared"."id" AND "shared"."platform_community_id" = 'dm'
  AND "members"."id" = "flags"."reporter_id"
  AND "own"."platform" = "shared"."platform" AND "own"."platform_community_id" = 'dm:' || "members"."platform_user_id";
--> statement-breakpoint
UPDATE "communities" SET "last_flag_number" = "numbered"."last"
FROM (SELECT "community_id", max("number") AS "last" FROM "flags" GROUP BY "community_id") "numbered"
WHERE "numbered"."community_id" = "communities"."id" AND "communities"."platform_community_id" LIKE 'dm:%';
--> statement-breakpoint
-- Nothing acts in the shared community any more; what it held has moved.
DELETE FROM "communities" WHERE "platform_community_id" = 'dm';
