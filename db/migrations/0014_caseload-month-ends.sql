ALTER TABLE "kpi_refresh_state" ADD COLUMN "snapshots_through" date;--> statement-breakpoint
-- The snapshots measured so far are taken to cover the month ends before this month.
UPDATE kpi_refresh_state
  SET snapshots_through = (date_trunc('month', now() AT TIME ZONE 'Europe/London') - interval '1 day')::date;
