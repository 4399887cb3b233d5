ALTER TABLE "customer_metrics" ADD COLUMN "clv" numeric(14, 2);--> statement-breakpoint
ALTER TABLE "customer_metrics" ADD COLUMN "p_alive" numeric(7, 6);--> statement-breakpoint
ALTER TABLE "customer_metrics" ADD COLUMN "expected_purchases" numeric(12, 4);--> statement-breakpoint
ALTER TABLE "customer_metrics" ADD COLUMN "clv_as_of" date;