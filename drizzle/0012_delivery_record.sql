CREATE TABLE "delivery_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "delivery_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"delivery_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"text" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delivery_events_kind_known" CHECK ("delivery_events"."kind" in ('sent', 'desk', 'replied', 'note', 'accepted', 'paid', 'cancelled', 'reopened', 'edited'))
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "last_nudge_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "client_name" text;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "letter_locale" text DEFAULT 'ja' NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "due_terms" text;--> statement-breakpoint
ALTER TABLE "delivery_events" ADD CONSTRAINT "delivery_events_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "delivery_events_by_delivery" ON "delivery_events" USING btree ("delivery_id","at");--> statement-breakpoint
CREATE INDEX "delivery_events_desk" ON "delivery_events" USING btree ("delivery_id") WHERE "delivery_events"."kind" = 'desk';--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_letter_locale_known" CHECK ("deliveries"."letter_locale" in ('ja', 'en'));--> statement-breakpoint
-- Letters go in the reader's language: English to Upwork clients, the writer's own for direct deals.
UPDATE "deliveries" SET "letter_locale" = 'en' WHERE "marketplace" = 'upwork';--> statement-breakpoint
UPDATE "deliveries" AS d SET "letter_locale" = coalesce(m."locale", m."platform_locale", 'ja')
  FROM "members" AS m WHERE m."id" = d."writer_id" AND d."marketplace" IN ('direct', 'other');--> statement-breakpoint
-- The next stage follows at the ladder's gap from the last one sent.
UPDATE "deliveries" AS d SET "last_nudge_at" = n."sent_at"
  FROM (SELECT "delivery_id", max("sent_at") AS "sent_at" FROM "nudges" WHERE "state" = 'sent' GROUP BY "delivery_id") AS n
  WHERE n."delivery_id" = d."id";
