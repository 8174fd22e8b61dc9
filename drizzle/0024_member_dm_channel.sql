-- A writer's Discord DM channel, kept once opened: each nudge then goes straight to it with one
-- request instead of opening the channel again (Discord counts both against the global limit).
ALTER TABLE "members" ADD COLUMN "dm_channel_id" text;
