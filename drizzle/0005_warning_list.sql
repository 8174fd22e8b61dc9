-- Trigram similarity for fuzzy client-name search; PGlite loads the same extension.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "client_aliases" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "client_aliases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"client_id" bigint NOT NULL,
	"key" text NOT NULL,
	"display_name" text NOT NULL,
	"normalized_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "flags" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "flags_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"client_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"reporter_id" bigint NOT NULL,
	"delivery_id" bigint,
	"category" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"note" text,
	"delivered_at" timestamp with time zone,
	"days_waited" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_at" timestamp with time zone,
	"reviewed_by" bigint,
	"expires_at" timestamp with time zone,
	"retracted_at" timestamp with time zone,
	CONSTRAINT "flags_state_known" CHECK ("flags"."state" in ('pending', 'approved', 'rejected', 'retracted', 'removed')),
	CONSTRAINT "flags_category_known" CHECK ("flags"."category" in ('no_response_after_delivery', 'late_acceptance', 'unpaid', 'paid_after_platform_intervention', 'scope_creep', 'off_platform_request', 'abusive_communication', 'unfair_rejection'))
);
--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "sharing" text DEFAULT 'private' NOT NULL;--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "show_from_others" text DEFAULT 'consensus' NOT NULL;--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "consensus_min_writers" smallint DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "flag_daily_limit" smallint DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "client_aliases" ADD CONSTRAINT "client_aliases_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_reporter_id_members_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "flags" ADD CONSTRAINT "flags_reviewed_by_members_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."members"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "client_aliases_key" ON "client_aliases" USING btree ("key");--> statement-breakpoint
CREATE INDEX "client_aliases_client" ON "client_aliases" USING btree ("client_id");--> statement-breakpoint
CREATE INDEX "client_aliases_normalized_name_trgm" ON "client_aliases" USING gin ("normalized_name" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "flags_one_active" ON "flags" USING btree ("reporter_id","client_id","category") WHERE "flags"."state" in ('pending', 'approved');--> statement-breakpoint
CREATE INDEX "flags_client_state" ON "flags" USING btree ("client_id","state");--> statement-breakpoint
CREATE INDEX "flags_reporter_created" ON "flags" USING btree ("reporter_id","created_at");--> statement-breakpoint
CREATE INDEX "clients_normalized_name_trgm" ON "clients" USING gin ("normalized_name" gin_trgm_ops);--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_sharing_known" CHECK ("communities"."sharing" in ('private', 'federated'));--> statement-breakpoint
ALTER TABLE "communities" ADD CONSTRAINT "communities_show_known" CHECK ("communities"."show_from_others" in ('all', 'consensus', 'none'));