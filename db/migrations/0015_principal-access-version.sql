ALTER TABLE "user_account" ADD COLUMN "access_version" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The access version moves whenever what a person may do changes, so a principal cached
-- by (user, access_version) is never used after the change (src/modules/organisation/principals.ts).
CREATE FUNCTION user_account_access_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.access_version = OLD.access_version THEN
    NEW.access_version := OLD.access_version + 1;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER user_account_access_version BEFORE UPDATE ON user_account
  FOR EACH ROW EXECUTE FUNCTION user_account_access_changed();
--> statement-breakpoint
CREATE FUNCTION user_access_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE user_account SET access_version = access_version + 1 WHERE id = OLD.user_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE user_account SET access_version = access_version + 1 WHERE id = NEW.user_id;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER staff_access_version AFTER INSERT OR UPDATE OR DELETE ON staff
  FOR EACH ROW EXECUTE FUNCTION user_access_rows_changed();
--> statement-breakpoint
CREATE TRIGGER staff_role_access_version AFTER INSERT OR UPDATE OR DELETE ON staff_role
  FOR EACH ROW EXECUTE FUNCTION user_access_rows_changed();
--> statement-breakpoint
CREATE TRIGGER team_membership_access_version AFTER INSERT OR UPDATE OR DELETE ON team_membership
  FOR EACH ROW EXECUTE FUNCTION user_access_rows_changed();
--> statement-breakpoint
CREATE FUNCTION team_area_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE user_account SET access_version = access_version + 1
    WHERE id IN (SELECT user_id FROM team_membership WHERE team_id = NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER team_access_version AFTER UPDATE OF area_id ON team
  FOR EACH ROW WHEN (OLD.area_id IS DISTINCT FROM NEW.area_id) EXECUTE FUNCTION team_area_changed();
