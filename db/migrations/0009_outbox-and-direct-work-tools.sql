CREATE TABLE "outbox_message" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"idempotency_key" text NOT NULL,
	"case_id" uuid,
	"template" text NOT NULL,
	"channel" text NOT NULL,
	"recipient_person_id" uuid,
	"recipient" text,
	"language" text DEFAULT 'en' NOT NULL,
	"personalisation" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"provider_ref" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_message_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "direct_work_tool" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_cy" text NOT NULL,
	"description" text NOT NULL,
	"description_cy" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "outbox_message_pending_idx" ON "outbox_message" USING btree ("next_attempt_at") WHERE "outbox_message"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "outbox_message_case_idx" ON "outbox_message" USING btree ("case_id","created_at");