CREATE TABLE "clients" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "clients_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"key" text NOT NULL,
	"marketplace" text,
	"profile_id" text,
	"profile_url" text,
	"display_name" text NOT NULL,
	"normalized_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "communities" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "communities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"platform" text NOT NULL,
	"platform_community_id" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliveries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"writer_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"number" integer NOT NULL,
	"client_id" bigint NOT NULL,
	"title" text NOT NULL,
	"marketplace" text NOT NULL,
	"amount" numeric(14, 2),
	"currency" text DEFAULT 'JPY' NOT NULL,
	"delivered_at" timestamp with time zone NOT NULL,
	"escrow" text NOT NULL,
	"job_url" text,
	"status" text DEFAULT 'awaiting_review' NOT NULL,
	"accepted_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_status_known" CHECK ("deliveries"."status" in ('awaiting_review', 'accepted', 'paid', 'cancelled')),
	CONSTRAINT "deliveries_escrow_known" CHECK ("deliveries"."escrow" in ('funded', 'not_funded', 'unknown')),
	CONSTRAINT "deliveries_amount_positive" CHECK ("deliveries"."amount" is null or "deliveries"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"platform" text NOT NULL,
	"platform_user_id" text NOT NULL,
	"display_name" text NOT NULL,
	"locale" text,
	"timezone" text,
	"quiet_start_minute" smallint DEFAULT 1320,
	"quiet_end_minute" smallint DEFAULT 480,
	"skip_weekends" boolean DEFAULT false NOT NULL,
	"last_delivery_number" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_locale_known" CHECK ("members"."locale" is null or "members"."locale" in ('ja', 'en'))
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_writer_id_members_id_fk" FOREIGN KEY ("writer_id") REFERENCES "public"."members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clients_key" ON "clients" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "communities_platform_key" ON "communities" USING btree ("platform","platform_community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_writer_number" ON "deliveries" USING btree ("writer_id","number");--> statement-breakpoint
CREATE INDEX "deliveries_client" ON "deliveries" USING btree ("client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "members_platform_key" ON "members" USING btree ("platform","platform_user_id");