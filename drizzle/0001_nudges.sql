CREATE TABLE "nudges" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "nudges_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"delivery_id" bigint NOT NULL,
	"stage" smallint NOT NULL,
	"state" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"channel" text,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"message_ref" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "nudges_state_known" CHECK ("nudges"."state" in ('sending', 'sent', 'skipped', 'unreachable', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "fallback_channel_id" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "reminders" text DEFAULT 'active' NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "snoozed_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "last_stage" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "next_nudge_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "claim_token" text;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "skip_holidays" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "pending_notice" text;--> statement-breakpoint
ALTER TABLE "nudges" ADD CONSTRAINT "nudges_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "nudges_delivery_stage" ON "nudges" USING btree ("delivery_id","stage");--> statement-breakpoint
CREATE INDEX "deliveries_due" ON "deliveries" USING btree ("next_nudge_at") WHERE "deliveries"."next_nudge_at" is not null;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_reminders_known" CHECK ("deliveries"."reminders" in ('active', 'paused', 'stopped'));--> statement-breakpoint
-- Deliveries recorded before reminders existed: let the scheduler look at them once and decide.
UPDATE "deliveries" SET "next_nudge_at" = "delivered_at" WHERE "status" IN ('awaiting_review', 'accepted');
