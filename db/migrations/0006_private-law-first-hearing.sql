CREATE TABLE "case_court_dates" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"letter_due_on" date,
	"court_state" text,
	"court_reference" text,
	"orders_applying_for" text[] DEFAULT '{}'::text[] NOT NULL,
	"allegations_of_harm" text[] DEFAULT '{}'::text[] NOT NULL,
	"allegations_detail" text,
	"interpreter_needs" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_document" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"kind" text NOT NULL,
	"source_id" uuid,
	"language" text DEFAULT 'en' NOT NULL,
	"format" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"content" "bytea" NOT NULL,
	"sha256" text NOT NULL,
	"byte_size" integer NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "court_direction" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"order_id" uuid,
	"report_type" text NOT NULL,
	"report_label" text,
	"due_on" date,
	"source" text NOT NULL,
	"filed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "court_order" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"source_ref" text,
	"order_type" text NOT NULL,
	"label" text,
	"made_on" date,
	"hearing_source_ref" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hearing" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"source_ref" text,
	"type_code" text NOT NULL,
	"type_label" text,
	"status" text,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"venue" text,
	"days" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcome" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "person_match" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"candidate_person_id" uuid NOT NULL,
	"score" real NOT NULL,
	"date_of_birth_match" text NOT NULL,
	"status" text DEFAULT 'candidate' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hmcts_case" (
	"ccd_id" text PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"court_state" text,
	"payload_hash" text NOT NULL,
	"court_last_modified" text,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"reconciled_at" timestamp with time zone,
	"reconciled_by" uuid,
	"reconciliation_note" text,
	CONSTRAINT "hmcts_case_case_id_unique" UNIQUE("case_id")
);
--> statement-breakpoint
CREATE TABLE "hmcts_child_link" (
	"ccd_id" text NOT NULL,
	"element_id" text NOT NULL,
	"child_id" uuid NOT NULL,
	CONSTRAINT "hmcts_child_link_ccd_id_element_id_pk" PRIMARY KEY("ccd_id","element_id")
);
--> statement-breakpoint
CREATE TABLE "hmcts_document" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"ccd_id" text NOT NULL,
	"case_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"category" text NOT NULL,
	"listed_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	"fetch_status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"fetched_at" timestamp with time zone,
	"content_type" text,
	"content" "bytea",
	"sha256" text,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "hmcts_feed_state" (
	"feed" text PRIMARY KEY NOT NULL,
	"high_water_mark" timestamp with time zone NOT NULL,
	"last_poll_started_at" timestamp with time zone,
	"last_poll_finished_at" timestamp with time zone,
	"last_error" text,
	"consecutive_failures" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hmcts_party_link" (
	"ccd_id" text NOT NULL,
	"element_id" text NOT NULL,
	"party_id" uuid NOT NULL,
	CONSTRAINT "hmcts_party_link_ccd_id_element_id_pk" PRIMARY KEY("ccd_id","element_id")
);
--> statement-breakpoint
CREATE TABLE "hmcts_snapshot" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ccd_id" text,
	"received_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL,
	"payload_hash" text NOT NULL,
	"raw" text NOT NULL,
	"outcome" text NOT NULL,
	"reason" text,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intake_draft" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"submitted_case_id" uuid
);
--> statement-breakpoint
CREATE TABLE "child_protection_referral" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"local_authority_code" text NOT NULL,
	"method" text NOT NULL,
	"content" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"sent_by" uuid NOT NULL,
	"made_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "first_hearing_outcome" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"heard_on" date NOT NULL,
	"outcome" text NOT NULL,
	"orders_made" text[] DEFAULT '{}'::text[] NOT NULL,
	"report_type" text,
	"filing_due_on" date,
	"next_hearing_on" date,
	"child_protection_referral_made" boolean DEFAULT false NOT NULL,
	"notes" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "letter_review" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"letter_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"comments" text,
	"reviewed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "risk_signal" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source" text NOT NULL,
	"detail" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safeguarding_check" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"party_id" uuid,
	"local_authority_code" text,
	"requested_on" date NOT NULL,
	"due_on" date NOT NULL,
	"returned_on" date,
	"outcome" text,
	"concerns" text,
	"addendum_needed" boolean DEFAULT false NOT NULL,
	"last_chased_on" date,
	"chase_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safeguarding_interview" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"method" text NOT NULL,
	"domestic_abuse_screening" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"summary" text NOT NULL,
	"on_hearing_day" boolean DEFAULT false NOT NULL,
	"interviewer_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "safeguarding_letter" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"sections" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"recommendation" text,
	"unreturned_checks_statement" text,
	"due_on" date,
	"author_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone,
	"filed_on" date,
	"filed_at" timestamp with time zone,
	"filed_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screening" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"risk_flags" text[] DEFAULT '{}'::text[] NOT NULL,
	"other_risk" text,
	"decision" text NOT NULL,
	"rationale" text NOT NULL,
	"due_on" date NOT NULL,
	"screened_by" uuid NOT NULL,
	"screened_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "staff" ADD COLUMN "self_regulating" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "case_court_dates" ADD CONSTRAINT "case_court_dates_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_document" ADD CONSTRAINT "case_document_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_document" ADD CONSTRAINT "case_document_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_direction" ADD CONSTRAINT "court_direction_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_direction" ADD CONSTRAINT "court_direction_order_id_court_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."court_order"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_order" ADD CONSTRAINT "court_order_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearing" ADD CONSTRAINT "hearing_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_match" ADD CONSTRAINT "person_match_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_match" ADD CONSTRAINT "person_match_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_match" ADD CONSTRAINT "person_match_candidate_person_id_person_id_fk" FOREIGN KEY ("candidate_person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "person_match" ADD CONSTRAINT "person_match_decided_by_user_account_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hmcts_case" ADD CONSTRAINT "hmcts_case_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hmcts_case" ADD CONSTRAINT "hmcts_case_reconciled_by_user_account_id_fk" FOREIGN KEY ("reconciled_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hmcts_child_link" ADD CONSTRAINT "hmcts_child_link_ccd_id_hmcts_case_ccd_id_fk" FOREIGN KEY ("ccd_id") REFERENCES "public"."hmcts_case"("ccd_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hmcts_child_link" ADD CONSTRAINT "hmcts_child_link_child_id_case_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."case_child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hmcts_document" ADD CONSTRAINT "hmcts_document_ccd_id_hmcts_case_ccd_id_fk" FOREIGN KEY ("ccd_id") REFERENCES "public"."hmcts_case"("ccd_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hmcts_document" ADD CONSTRAINT "hmcts_document_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hmcts_party_link" ADD CONSTRAINT "hmcts_party_link_ccd_id_hmcts_case_ccd_id_fk" FOREIGN KEY ("ccd_id") REFERENCES "public"."hmcts_case"("ccd_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hmcts_party_link" ADD CONSTRAINT "hmcts_party_link_party_id_case_party_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."case_party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_draft" ADD CONSTRAINT "intake_draft_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_draft" ADD CONSTRAINT "intake_draft_submitted_case_id_case_record_id_fk" FOREIGN KEY ("submitted_case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_protection_referral" ADD CONSTRAINT "child_protection_referral_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_protection_referral" ADD CONSTRAINT "child_protection_referral_local_authority_code_local_authority_code_fk" FOREIGN KEY ("local_authority_code") REFERENCES "public"."local_authority"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_protection_referral" ADD CONSTRAINT "child_protection_referral_sent_by_user_account_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "first_hearing_outcome" ADD CONSTRAINT "first_hearing_outcome_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "first_hearing_outcome" ADD CONSTRAINT "first_hearing_outcome_recorded_by_user_account_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_review" ADD CONSTRAINT "letter_review_letter_id_safeguarding_letter_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."safeguarding_letter"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "letter_review" ADD CONSTRAINT "letter_review_reviewer_id_user_account_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_signal" ADD CONSTRAINT "risk_signal_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_check" ADD CONSTRAINT "safeguarding_check_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_check" ADD CONSTRAINT "safeguarding_check_party_id_case_party_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."case_party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_check" ADD CONSTRAINT "safeguarding_check_local_authority_code_local_authority_code_fk" FOREIGN KEY ("local_authority_code") REFERENCES "public"."local_authority"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_check" ADD CONSTRAINT "safeguarding_check_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_interview" ADD CONSTRAINT "safeguarding_interview_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_interview" ADD CONSTRAINT "safeguarding_interview_party_id_case_party_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."case_party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_interview" ADD CONSTRAINT "safeguarding_interview_interviewer_id_user_account_id_fk" FOREIGN KEY ("interviewer_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_letter" ADD CONSTRAINT "safeguarding_letter_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_letter" ADD CONSTRAINT "safeguarding_letter_author_id_user_account_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "safeguarding_letter" ADD CONSTRAINT "safeguarding_letter_filed_by_user_account_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening" ADD CONSTRAINT "screening_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screening" ADD CONSTRAINT "screening_screened_by_user_account_id_fk" FOREIGN KEY ("screened_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_court_dates_letter_due_idx" ON "case_court_dates" USING btree ("letter_due_on");--> statement-breakpoint
CREATE INDEX "case_document_case_idx" ON "case_document" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "case_document_source_idx" ON "case_document" USING btree ("source_id");--> statement-breakpoint
CREATE INDEX "court_direction_case_idx" ON "court_direction" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "court_direction_open_due_idx" ON "court_direction" USING btree ("due_on") WHERE "court_direction"."filed_on" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "court_direction_order_type_idx" ON "court_direction" USING btree ("order_id","report_type");--> statement-breakpoint
CREATE INDEX "court_order_case_idx" ON "court_order" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "court_order_case_source_idx" ON "court_order" USING btree ("case_id","source_ref");--> statement-breakpoint
CREATE INDEX "hearing_case_idx" ON "hearing" USING btree ("case_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "hearing_case_source_idx" ON "hearing" USING btree ("case_id","source_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "person_match_pair_idx" ON "person_match" USING btree ("person_id","candidate_person_id");--> statement-breakpoint
CREATE INDEX "person_match_case_idx" ON "person_match" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "person_match_candidate_idx" ON "person_match" USING btree ("candidate_person_id");--> statement-breakpoint
CREATE INDEX "hmcts_case_last_seen_idx" ON "hmcts_case" USING btree ("last_seen_at");--> statement-breakpoint
CREATE INDEX "hmcts_document_case_idx" ON "hmcts_document" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "hmcts_document_pending_idx" ON "hmcts_document" USING btree ("next_attempt_at") WHERE "hmcts_document"."fetch_status" = 'pending';--> statement-breakpoint
CREATE INDEX "hmcts_snapshot_ccd_idx" ON "hmcts_snapshot" USING btree ("ccd_id","received_at");--> statement-breakpoint
CREATE INDEX "hmcts_snapshot_outcome_idx" ON "hmcts_snapshot" USING btree ("outcome");--> statement-breakpoint
CREATE INDEX "intake_draft_user_idx" ON "intake_draft" USING btree ("user_id","updated_at");--> statement-breakpoint
CREATE INDEX "cp_referral_case_idx" ON "child_protection_referral" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "letter_review_letter_idx" ON "letter_review" USING btree ("letter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_signal_case_kind_idx" ON "risk_signal" USING btree ("case_id","kind","source");--> statement-breakpoint
CREATE INDEX "safeguarding_check_case_idx" ON "safeguarding_check" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "safeguarding_check_open_due_idx" ON "safeguarding_check" USING btree ("due_on") WHERE "safeguarding_check"."returned_on" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "safeguarding_check_police_party_idx" ON "safeguarding_check" USING btree ("case_id","party_id") WHERE "safeguarding_check"."kind" = 'police';--> statement-breakpoint
CREATE UNIQUE INDEX "safeguarding_check_la_idx" ON "safeguarding_check" USING btree ("case_id","local_authority_code") WHERE "safeguarding_check"."kind" = 'local-authority';--> statement-breakpoint
CREATE INDEX "safeguarding_interview_case_idx" ON "safeguarding_interview" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "safeguarding_letter_case_idx" ON "safeguarding_letter" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "safeguarding_letter_submitted_idx" ON "safeguarding_letter" USING btree ("submitted_at") WHERE "safeguarding_letter"."status" = 'submitted';--> statement-breakpoint
CREATE UNIQUE INDEX "safeguarding_letter_one_per_case_idx" ON "safeguarding_letter" USING btree ("case_id") WHERE "safeguarding_letter"."kind" = 'letter';--> statement-breakpoint
CREATE INDEX "screening_screened_at_idx" ON "screening" USING btree ("screened_at");