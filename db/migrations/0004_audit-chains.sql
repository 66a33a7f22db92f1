-- Several audit hash chains instead of one, so concurrent requests do not all queue for a
-- single head-row lock held through their commit. Existing rows form chain 1.
ALTER TABLE "audit_event" DROP CONSTRAINT "audit_event_pkey";--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "chain" smallint NOT NULL DEFAULT 1;--> statement-breakpoint
ALTER TABLE "audit_event" ALTER COLUMN "chain" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_chain_seq_pk" PRIMARY KEY("chain","seq");--> statement-breakpoint
ALTER TABLE "audit_event" ADD COLUMN "id" bigserial NOT NULL;--> statement-breakpoint
CREATE INDEX "audit_event_id_idx" ON "audit_event" ("id");--> statement-breakpoint
INSERT INTO audit_chain_head (id, seq, hash) SELECT g, 0, repeat('0', 64) FROM generate_series(2, 16) AS g;
