-- The audit trail is append-only for the application: no UPDATE, DELETE or TRUNCATE,
-- whoever asks. (In production the application's role is also granted INSERT and
-- SELECT only on these tables; see docs/decisions/0004-audit-trail.md.)
CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change();
--> statement-breakpoint
-- The chain head may only move forward, one row at a time, and cannot be removed.
CREATE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR NEW.seq <= OLD.seq THEN
    RAISE EXCEPTION 'audit_chain_head may only move forward: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_forward BEFORE UPDATE OR DELETE ON audit_chain_head
  FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard();
--> statement-breakpoint
CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
  FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_guard();
--> statement-breakpoint
INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, repeat('0', 64));
--> statement-breakpoint
ALTER TABLE case_record ADD CONSTRAINT case_record_law_check CHECK (law IN ('private', 'public', 'adoption'));
--> statement-breakpoint
ALTER TABLE case_record ADD CONSTRAINT case_record_language_check CHECK (language IN ('en', 'cy'));
--> statement-breakpoint
ALTER TABLE contact_detail ADD CONSTRAINT contact_detail_kind_check CHECK (kind IN ('address', 'phone', 'email'));
--> statement-breakpoint
ALTER TABLE contact_detail ADD CONSTRAINT contact_detail_refuge_confidential CHECK (NOT refuge OR confidential);
--> statement-breakpoint
CREATE UNIQUE INDEX case_allocation_one_active_per_role ON case_allocation (case_id, allocation_role) WHERE ended_at IS NULL;
