CREATE TABLE "payment_limit_refusals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"limit_name" text NOT NULL,
	"client_ip" text,
	"email" text NOT NULL,
	"order_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_limit_refusals_limit_known" CHECK ("payment_limit_refusals"."limit_name" in ('attempts-per-ip', 'declines-per-ip', 'attempts-per-email', 'attempts-per-order'))
);
--> statement-breakpoint
CREATE TABLE "sign_in_link_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"client_ip" text,
	"refused" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD COLUMN "client_ip" text;--> statement-breakpoint
ALTER TABLE "payment_attempts" ADD COLUMN "email" text;--> statement-breakpoint
ALTER TABLE "payment_limit_refusals" ADD CONSTRAINT "payment_limit_refusals_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payment_limit_refusals_client_ip_created_idx" ON "payment_limit_refusals" USING btree ("client_ip","created_at");--> statement-breakpoint
CREATE INDEX "payment_limit_refusals_created_at_idx" ON "payment_limit_refusals" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "sign_in_link_requests_email_created_idx" ON "sign_in_link_requests" USING btree ("email","created_at");--> statement-breakpoint
CREATE INDEX "sign_in_link_requests_client_ip_created_idx" ON "sign_in_link_requests" USING btree ("client_ip","created_at");--> statement-breakpoint
CREATE INDEX "payment_attempts_client_ip_created_idx" ON "payment_attempts" USING btree ("client_ip","created_at");--> statement-breakpoint
CREATE INDEX "payment_attempts_email_created_idx" ON "payment_attempts" USING btree ("email","created_at");--> statement-breakpoint
CREATE INDEX "payment_attempts_order_created_idx" ON "payment_attempts" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "payment_attempts_created_at_idx" ON "payment_attempts" USING btree ("created_at");