CREATE TABLE "platform_events" (
	"platform" text NOT NULL,
	"event_id" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "platform_events_platform_event_id_pk" PRIMARY KEY("platform","event_id")
);
--> statement-breakpoint
CREATE INDEX "platform_events_seen_at_idx" ON "platform_events" USING btree ("seen_at");