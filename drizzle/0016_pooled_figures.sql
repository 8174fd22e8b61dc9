DROP INDEX "deliveries_by_client";--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "max_per_writer" smallint DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "communities" ADD COLUMN "min_writers" smallint DEFAULT 2 NOT NULL;--> statement-breakpoint
CREATE INDEX "deliveries_by_client" ON "deliveries" USING btree ("client_id","community_id","id","writer_id","status","delivered_at","accepted_at","escrow","marketplace","created_at");