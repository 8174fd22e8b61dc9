ALTER TABLE "communities" ADD COLUMN "max_per_writer" smallint DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "min_writers" smallint DEFAULT 2 NOT NULL;