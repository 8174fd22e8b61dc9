CREATE TABLE "digests" (
	"community_id" bigint NOT NULL,
	"week_start" date NOT NULL,
	"state" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"starts" smallint DEFAULT 0 NOT NULL,
	"channel_id" text,
	"message_ref" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "digests_community_id_week_start_pk" PRIMARY KEY("community_id","week_start"),
	CONSTRAINT "digests_state_known" CHECK ("digests"."state" in ('sending', 'sent', 'skipped', 'unreachable', 'failed'))
);
--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_action_known";--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "timezone" text;--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "locale" text;--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "next_digest_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "digest_claim_token" text;--> statement-breakpoint
ALTER TABLE "digests" ADD CONSTRAINT "digests_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "communities_digest_due" ON "communities" USING btree ("next_digest_at") WHERE "communities"."next_digest_at" is not null;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_action_known" CHECK ("audit_log"."action" in ('report.approve', 'report.reject', 'report.remove', 'client.reply', 'client.reply_clear', 'client.merge', 'client.unmerge', 'settings.change', 'moderator.add', 'moderator.remove', 'report.export', 'privacy.erase'));--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_locale_known" CHECK ("communities"."locale" is null or "communities"."locale" in ('ja', 'en'));