CREATE TABLE "case_reference_counter" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "safeguarding_check_addendum_idx" ON "safeguarding_check" USING btree ("updated_at") WHERE "safeguarding_check"."addendum_needed";