CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"actor_id" bigint,
	"action" text NOT NULL,
	"target" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "audit_log_action_known" CHECK ("audit_log"."action" in ('report.approve', 'report.reject', 'report.remove', 'client.reply', 'client.reply_clear', 'client.merge', 'client.unmerge', 'settings.change', 'moderator.add', 'moderator.remove'))
);
--> statement-breakpoint
CREATE TABLE "client_merges" (
	"community_id" bigint NOT NULL,
	"from_client_id" bigint NOT NULL,
	"into_client_id" bigint NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_merges_community_id_from_client_id_pk" PRIMARY KEY("community_id","from_client_id"),
	CONSTRAINT "client_merges_not_self" CHECK ("client_merges"."from_client_id" <> "client_merges"."into_client_id")
);
--> statement-breakpoint
CREATE TABLE "client_replies" (
	"client_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"text" text NOT NULL,
	"recorded_by" bigint,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "client_replies_client_id_community_id_pk" PRIMARY KEY("client_id","community_id")
);
--> statement-breakpoint
CREATE TABLE "community_moderators" (
	"community_id" bigint NOT NULL,
	"member_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "community_moderators_community_id_member_id_pk" PRIMARY KEY("community_id","member_id")
);
--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "mod_channel_id" text;--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "last_flag_number" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "flags" ADD COLUMN "number" integer;--> statement-breakpoint
-- Reports are numbered per community, in the order they were filed.
UPDATE "flags" AS f SET "number" = n."number"
  FROM (SELECT "id", row_number() OVER (PARTITION BY "community_id" ORDER BY "id") AS "number" FROM "flags") AS n
  WHERE n."id" = f."id";--> statement-breakpoint
ALTER TABLE "flags" ALTER COLUMN "number" SET NOT NULL;--> statement-breakpoint
UPDATE "communities" AS c SET "last_flag_number" = m."number"
  FROM (SELECT "community_id", max("number") AS "number" FROM "flags" GROUP BY "community_id") AS m
  WHERE m."community_id" = c."id";--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_merges" ADD CONSTRAINT "client_merges_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_merges" ADD CONSTRAINT "client_merges_from_client_id_clients_id_fk" FOREIGN KEY ("from_client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_merges" ADD CONSTRAINT "client_merges_into_client_id_clients_id_fk" FOREIGN KEY ("into_client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_replies" ADD CONSTRAINT "client_replies_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_replies" ADD CONSTRAINT "client_replies_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_moderators" ADD CONSTRAINT "community_moderators_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_moderators" ADD CONSTRAINT "community_moderators_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_community_time" ON "audit_log" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "flags_community_number" ON "flags" USING btree ("community_id","number");