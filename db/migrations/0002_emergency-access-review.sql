ALTER TABLE "emergency_access" ADD COLUMN "review_comment" text;--> statement-breakpoint
ALTER TABLE emergency_access ADD CONSTRAINT emergency_access_review_outcome_check
  CHECK (review_outcome IS NULL OR review_outcome IN ('justified', 'not-justified'));
--> statement-breakpoint
ALTER TABLE emergency_access ADD CONSTRAINT emergency_access_reviewer_not_self CHECK (reviewed_by IS NULL OR reviewed_by <> user_id);
