ALTER TABLE "communities" ADD COLUMN "moderator_role_id" text;--> statement-breakpoint
CREATE INDEX "clients_normalized_name" ON "clients" USING btree ("normalized_name" text_pattern_ops);