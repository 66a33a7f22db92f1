CREATE TABLE "kpi_area_month" (
	"kpi" text NOT NULL,
	"month" date NOT NULL,
	"area_id" text NOT NULL,
	"done" integer NOT NULL,
	"total" double precision NOT NULL,
	CONSTRAINT "kpi_area_month_kpi_month_area_id_pk" PRIMARY KEY("kpi","month","area_id")
);
--> statement-breakpoint
CREATE TABLE "kpi_caseload_day" (
	"day" date NOT NULL,
	"practitioner_id" uuid NOT NULL,
	"area_id" text NOT NULL,
	"team_id" text,
	"cases" integer NOT NULL,
	"points" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kpi_team_month" (
	"kpi" text NOT NULL,
	"month" date NOT NULL,
	"area_id" text NOT NULL,
	"team_id" text NOT NULL,
	"done" integer NOT NULL,
	"total" double precision NOT NULL,
	CONSTRAINT "kpi_team_month_kpi_month_area_id_team_id_pk" PRIMARY KEY("kpi","month","area_id","team_id")
);
--> statement-breakpoint
-- (Reordered by hand: Drizzle adds the key before the column it names. The daily sums are
-- made again by team from the facts below, so they are emptied first.)
ALTER TABLE "kpi_area_day" DROP CONSTRAINT "kpi_area_day_kpi_day_area_id_law_pk";--> statement-breakpoint
TRUNCATE "kpi_area_day";--> statement-breakpoint
ALTER TABLE "kpi_area_day" ADD COLUMN "team_id" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "kpi_area_day" ADD CONSTRAINT "kpi_area_day_kpi_day_area_id_team_id_law_pk" PRIMARY KEY("kpi","day","area_id","team_id","law");--> statement-breakpoint
CREATE INDEX "kpi_area_month_month_idx" ON "kpi_area_month" USING btree ("month");--> statement-breakpoint
CREATE INDEX "kpi_caseload_day_day_idx" ON "kpi_caseload_day" USING btree ("day");--> statement-breakpoint
CREATE INDEX "kpi_caseload_day_practitioner_idx" ON "kpi_caseload_day" USING btree ("practitioner_id","day");--> statement-breakpoint
CREATE INDEX "kpi_team_month_team_idx" ON "kpi_team_month" USING btree ("team_id","month");--> statement-breakpoint
CREATE INDEX "kpi_area_day_day_idx" ON "kpi_area_day" USING btree ("day","area_id");--> statement-breakpoint
-- ════ HAND-WRITTEN BLOCK (performance): the sums again from the facts there already ════
INSERT INTO kpi_area_day (kpi, day, area_id, team_id, law, done, total)
  SELECT kpi, day, area_id, coalesce(team_id, ''), law, count(*)::int, sum(value)
  FROM kpi_fact WHERE done_on IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO kpi_team_month (kpi, month, area_id, team_id, done, total)
  SELECT kpi, date_trunc('month', day)::date, area_id, team_id, sum(done)::int, sum(total)
  FROM kpi_area_day GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO kpi_area_month (kpi, month, area_id, done, total)
  SELECT kpi, month, area_id, sum(done)::int, sum(total) FROM kpi_team_month GROUP BY 1, 2, 3;
--> statement-breakpoint
INSERT INTO kpi_caseload_day (day, practitioner_id, area_id, team_id, cases, points)
  SELECT day, practitioner_id, area_id, team_id, count(*)::int, sum(value)
  FROM kpi_fact WHERE kpi = 'caseload' AND practitioner_id IS NOT NULL GROUP BY 1, 2, 3, 4;
-- ════ End of the hand-written part ════
