CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"rate" real NOT NULL,
	"succeeded" integer NOT NULL,
	"failed" integer NOT NULL,
	"top_declines" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"window_end" timestamp with time zone NOT NULL,
	"webhook_status" text,
	"created_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	CONSTRAINT "alerts_kind_known" CHECK ("alerts"."kind" in ('success_rate_low', 'success_rate_recovered')),
	CONSTRAINT "alerts_webhook_status_known" CHECK ("alerts"."webhook_status" in ('delivered', 'failed', 'not_configured'))
);
--> statement-breakpoint
CREATE INDEX "alerts_created_at_idx" ON "alerts" USING btree ("created_at");