ALTER TABLE "deliveries" DROP CONSTRAINT "deliveries_amount_positive";--> statement-breakpoint
ALTER TABLE "deliveries" DROP COLUMN "amount";--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_amount_positive" CHECK ("deliveries"."amount_minor" is null or "deliveries"."amount_minor" > 0);