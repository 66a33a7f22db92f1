CREATE TABLE "case_area_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"from_area_id" text NOT NULL,
	"from_team_id" text,
	"to_area_id" text NOT NULL,
	"to_team_id" text,
	"changed_at" timestamp with time zone NOT NULL,
	"changed_by" uuid,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_area_day" (
	"kpi" text NOT NULL,
	"day" date NOT NULL,
	"area_id" text NOT NULL,
	"law" text NOT NULL,
	"done" integer NOT NULL,
	"total" double precision NOT NULL,
	CONSTRAINT "kpi_area_day_kpi_day_area_id_law_pk" PRIMARY KEY("kpi","day","area_id","law")
);
--> statement-breakpoint
CREATE TABLE "kpi_dirty_case" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_fact" (
	"kpi" text NOT NULL,
	"unit_id" text NOT NULL,
	"case_id" uuid NOT NULL,
	"day" date NOT NULL,
	"area_id" text NOT NULL,
	"team_id" text,
	"practitioner_id" uuid,
	"law" text NOT NULL,
	"due_on" date,
	"done_on" date,
	"value" double precision NOT NULL,
	CONSTRAINT "kpi_fact_kpi_unit_id_pk" PRIMARY KEY("kpi","unit_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_refresh_state" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"refreshed_at" timestamp with time zone,
	"rebuilt_at" timestamp with time zone,
	"cases_measured" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "kpi_refresh_state_one_row" CHECK ("kpi_refresh_state"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "kpi_target" (
	"kpi" text NOT NULL,
	"nation" text NOT NULL,
	"target" double precision NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_target_kpi_nation_pk" PRIMARY KEY("kpi","nation"),
	CONSTRAINT "kpi_target_nation" CHECK ("kpi_target"."nation" IN ('england', 'wales')),
	CONSTRAINT "kpi_target_range" CHECK ("kpi_target"."target" >= 0 AND "kpi_target"."target" <= 1000)
);
--> statement-breakpoint
ALTER TABLE "case_area_change" ADD CONSTRAINT "case_area_change_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_area_change" ADD CONSTRAINT "case_area_change_from_area_id_service_area_id_fk" FOREIGN KEY ("from_area_id") REFERENCES "public"."service_area"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_area_change" ADD CONSTRAINT "case_area_change_from_team_id_team_id_fk" FOREIGN KEY ("from_team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_area_change" ADD CONSTRAINT "case_area_change_to_area_id_service_area_id_fk" FOREIGN KEY ("to_area_id") REFERENCES "public"."service_area"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_area_change" ADD CONSTRAINT "case_area_change_to_team_id_team_id_fk" FOREIGN KEY ("to_team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_area_change" ADD CONSTRAINT "case_area_change_changed_by_user_account_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kpi_target" ADD CONSTRAINT "kpi_target_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_area_change_case_idx" ON "case_area_change" USING btree ("case_id","changed_at");--> statement-breakpoint
CREATE INDEX "kpi_fact_case_idx" ON "kpi_fact" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "kpi_fact_kpi_day_idx" ON "kpi_fact" USING btree ("kpi","day");--> statement-breakpoint
CREATE INDEX "kpi_fact_area_idx" ON "kpi_fact" USING btree ("kpi","area_id","day");--> statement-breakpoint
CREATE INDEX "kpi_fact_team_idx" ON "kpi_fact" USING btree ("kpi","team_id","day");--> statement-breakpoint
CREATE INDEX "kpi_fact_practitioner_idx" ON "kpi_fact" USING btree ("kpi","practitioner_id","day");--> statement-breakpoint
CREATE INDEX "kpi_fact_open_idx" ON "kpi_fact" USING btree ("kpi","due_on") WHERE "kpi_fact"."done_on" IS NULL;--> statement-breakpoint
CREATE INDEX "timeline_state_idx" ON "timeline_event" USING btree ("case_id","occurred_at") WHERE "timeline_event"."kind" LIKE 'state.%';--> statement-breakpoint
-- ════ HAND-WRITTEN BLOCK (performance): what Drizzle does not express ════
-- Every change to a case writes its timeline in the same transaction, so a trigger there marks
-- the case for the KPI refresher (src/modules/performance/refresh.ts) whatever order
-- transactions commit in. A bulk loader that disables triggers (the generator) marks its cases itself.
CREATE FUNCTION kpi_mark_case_dirty() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO kpi_dirty_case (case_id) VALUES (NEW.case_id) ON CONFLICT (case_id) DO NOTHING;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER timeline_event_marks_kpi_dirty AFTER INSERT ON "timeline_event"
  FOR EACH ROW EXECUTE FUNCTION kpi_mark_case_dirty();
--> statement-breakpoint
INSERT INTO kpi_refresh_state (id) VALUES (1);
--> statement-breakpoint
-- Cases that exist already are measured by the first refresh.
INSERT INTO kpi_dirty_case (case_id) SELECT id FROM case_record;
-- ════ End of the hand-written part ════
