CREATE INDEX "deliveries_by_community" ON "deliveries" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE INDEX "deliveries_open_by_community" ON "deliveries" USING btree ("community_id","delivered_at") WHERE "deliveries"."status" = 'awaiting_review';--> statement-breakpoint
CREATE INDEX "deliveries_by_writer_client" ON "deliveries" USING btree ("writer_id","client_id","created_at");--> statement-breakpoint
CREATE INDEX "delivery_events_by_time" ON "delivery_events" USING btree ("at");