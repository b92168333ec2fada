-- pg_trgm is a trusted extension (PostgreSQL 13+): the database's owner may create it. The trigram index below
-- serves the back office's search by any part of an email.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "orders_created_at_number_idx" ON "orders" USING btree ("created_at","order_number");--> statement-breakpoint
CREATE INDEX "orders_status_created_at_idx" ON "orders" USING btree ("status","created_at","order_number");--> statement-breakpoint
CREATE INDEX "orders_paid_at_idx" ON "orders" USING btree ("paid_at","currency","total_centavos") WHERE "orders"."paid_at" is not null;--> statement-breakpoint
CREATE INDEX "orders_email_trgm_idx" ON "orders" USING gin ("email" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "payment_attempts_card_last4_idx" ON "payment_attempts" USING btree ("card_last4","order_id");--> statement-breakpoint
-- Replaced by orders_created_at_number_idx (same leading column), dropped once that one exists.
DROP INDEX "orders_created_at_idx";--> statement-breakpoint
-- The same name with the decline code added.
DROP INDEX "payment_attempts_status_updated_idx";--> statement-breakpoint
CREATE INDEX "payment_attempts_status_updated_idx" ON "payment_attempts" USING btree ("status","updated_at","decline_code");
