DROP INDEX "deliveries_client";--> statement-breakpoint
DROP INDEX "flags_client_state";--> statement-breakpoint
CREATE INDEX "deliveries_client_community" ON "deliveries" USING btree ("client_id","community_id");--> statement-breakpoint
CREATE INDEX "flags_client_community" ON "flags" USING btree ("client_id","community_id");--> statement-breakpoint
CREATE INDEX "nudges_desk_sent" ON "nudges" USING btree ("delivery_id") WHERE "nudges"."stage" = 3 and "nudges"."state" = 'sent';--> statement-breakpoint
-- Approved reports of a client, with what a lookup counts, readable from the index alone: the
-- busiest clients' report summaries would otherwise read thousands of scattered heap pages.
CREATE INDEX "flags_approved_by_client" ON "flags" USING btree ("client_id", "category") INCLUDE ("reporter_id", "community_id", "created_at", "expires_at", "delivery_id") WHERE "state" = 'approved';
