CREATE TABLE "practitioner_capacity" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"points" numeric(5, 2) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practitioner_capacity_range" CHECK ("practitioner_capacity"."points" >= 0 AND "practitioner_capacity"."points" <= 100)
);
--> statement-breakpoint
CREATE TABLE "workload_weight" (
	"law" text NOT NULL,
	"application_type" text NOT NULL,
	"stage" text NOT NULL,
	"weight" numeric(5, 2) NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workload_weight_law_application_type_stage_pk" PRIMARY KEY("law","application_type","stage"),
	CONSTRAINT "workload_weight_range" CHECK ("workload_weight"."weight" >= 0 AND "workload_weight"."weight" <= 10)
);
--> statement-breakpoint
CREATE TABLE "child_letter" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"age_band" text NOT NULL,
	"language" text DEFAULT 'en' NOT NULL,
	"body" text NOT NULL,
	"ignored_words" text[] DEFAULT '{}'::text[] NOT NULL,
	"picture" "bytea",
	"picture_format" text,
	"picture_width" integer,
	"picture_height" integer,
	"picture_alt" text,
	"picture_file_name" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"produced_at" timestamp with time zone,
	"produced_by" uuid,
	"author_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "closing_record" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"final_order_id" uuid NOT NULL,
	"order_reflects" text NOT NULL,
	"reflects_explanation" text,
	"report_id" uuid,
	"summary" text NOT NULL,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "closure_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"actor_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "court_direction_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"direction_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"previous_due_on" date,
	"new_due_on" date NOT NULL,
	"reason" text NOT NULL,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delay_notice" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"direction_id" uuid NOT NULL,
	"due_on" date,
	"expected_on" date NOT NULL,
	"reason" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "delay_notice_recipient" (
	"notice_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"outbox_message_id" uuid NOT NULL,
	CONSTRAINT "delay_notice_recipient_notice_id_party_id_pk" PRIMARY KEY("notice_id","party_id")
);
--> statement-breakpoint
CREATE TABLE "child_diversity" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"aspects" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"relevant" boolean NOT NULL,
	"statement" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "child_impact_analysis" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"lived_experience" text NOT NULL,
	"dispute_impact" text NOT NULL,
	"risk_impact" text NOT NULL,
	"welfare" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"timescales" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "direct_work_session" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"seen" boolean NOT NULL,
	"not_seen_reason" text,
	"seen_alone" boolean DEFAULT false NOT NULL,
	"not_seen_alone_reason" text,
	"place" text DEFAULT '' NOT NULL,
	"minutes" integer DEFAULT 0 NOT NULL,
	"own_words" text DEFAULT '' NOT NULL,
	"words_revision" integer DEFAULT 1 NOT NULL,
	"interpretation" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "direct_work_session_tool" (
	"session_id" uuid NOT NULL,
	"tool_code" text NOT NULL,
	CONSTRAINT "direct_work_session_tool_session_id_tool_code_pk" PRIMARY KEY("session_id","tool_code")
);
--> statement-breakpoint
CREATE TABLE "direct_work_words_revision" (
	"session_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"own_words" text NOT NULL,
	"correction_reason" text,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "direct_work_words_revision_session_id_revision_pk" PRIMARY KEY("session_id","revision")
);
--> statement-breakpoint
CREATE TABLE "local_service" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"nation" text NOT NULL,
	"local_authority_code" text,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_cy" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"description_cy" text DEFAULT '' NOT NULL,
	"contact" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signposting" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"local_service_id" uuid NOT NULL,
	"party_id" uuid,
	"child_id" uuid,
	"given_on" date NOT NULL,
	"method" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_sample_mark" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"change_id" uuid,
	"marked_by" uuid NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"cleared_by" uuid,
	"cleared_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "self_regulation_change" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"change" text NOT NULL,
	"reason" text NOT NULL,
	"changed_by" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_plan" (
	"case_id" uuid PRIMARY KEY NOT NULL,
	"current_version" integer NOT NULL,
	"review_due_on" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_plan_version" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"objectives" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"people" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tools" text[] DEFAULT '{}'::text[] NOT NULL,
	"planned_steps" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"review_due_on" date,
	"sharing" text,
	"shared_on" date,
	"shared_how" text,
	"not_shared_reason" text,
	"manager_direction" text,
	"manager_priorities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"direction_by" uuid,
	"direction_at" timestamp with time zone,
	"change_kind" text NOT NULL,
	"change_note" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_log_entry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"kind" text,
	"held_on" date,
	"held_time" time,
	"place" text,
	"child_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"party_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"others" text[] DEFAULT '{}'::text[] NOT NULL,
	"what_was_said" text,
	"analysis" text,
	"actions" text,
	"objective_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"plan_version" integer,
	"draft" jsonb,
	"author_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"recorded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "contact_log_revision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"reason" text NOT NULL,
	"corrected_by" uuid NOT NULL,
	"corrected_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "court_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"direction_id" uuid NOT NULL,
	"parent_report_id" uuid,
	"language" text DEFAULT 'en' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"sections" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"author_id" uuid NOT NULL,
	"submitted_at" timestamp with time zone,
	"approved_at" timestamp with time zone,
	"approved_by" uuid,
	"due_on" date,
	"filed_on" date,
	"filed_at" timestamp with time zone,
	"filed_by" uuid,
	"filed_after" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "court_report_review" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"comments" text,
	"reviewed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "court_report_revision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"sections" jsonb NOT NULL,
	"saved_by" uuid NOT NULL,
	"saved_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "court_report_share" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"report_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"party_id" uuid,
	"child_id" uuid,
	"shared_on" date NOT NULL,
	"method" text NOT NULL,
	"reason" text,
	"next_hearing_on" date,
	"recorded_by" uuid NOT NULL,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_allocation" ADD COLUMN "allocated_by" uuid;--> statement-breakpoint
ALTER TABLE "case_allocation" ADD COLUMN "reason" text;--> statement-breakpoint
ALTER TABLE "case_allocation" ADD COLUMN "ended_by" uuid;--> statement-breakpoint
ALTER TABLE "case_allocation" ADD COLUMN "end_reason" text;--> statement-breakpoint
ALTER TABLE "court_direction" ADD COLUMN "created_by" uuid;--> statement-breakpoint
ALTER TABLE "court_direction" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "court_direction" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "court_order" ADD COLUMN "hearing_id" uuid;--> statement-breakpoint
ALTER TABLE "court_order" ADD COLUMN "final" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "court_order" ADD COLUMN "recorded_by" uuid;--> statement-breakpoint
ALTER TABLE "hearing" ADD COLUMN "updated_by" uuid;--> statement-breakpoint
ALTER TABLE "hearing" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "practitioner_capacity" ADD CONSTRAINT "practitioner_capacity_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practitioner_capacity" ADD CONSTRAINT "practitioner_capacity_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workload_weight" ADD CONSTRAINT "workload_weight_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_letter" ADD CONSTRAINT "child_letter_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_letter" ADD CONSTRAINT "child_letter_child_id_case_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."case_child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_letter" ADD CONSTRAINT "child_letter_produced_by_user_account_id_fk" FOREIGN KEY ("produced_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_letter" ADD CONSTRAINT "child_letter_author_id_user_account_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closing_record" ADD CONSTRAINT "closing_record_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closing_record" ADD CONSTRAINT "closing_record_recorded_by_user_account_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closing_record" ADD CONSTRAINT "closing_record_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closure_event" ADD CONSTRAINT "closure_event_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closure_event" ADD CONSTRAINT "closure_event_actor_id_user_account_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_direction_change" ADD CONSTRAINT "court_direction_change_direction_id_court_direction_id_fk" FOREIGN KEY ("direction_id") REFERENCES "public"."court_direction"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_direction_change" ADD CONSTRAINT "court_direction_change_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_direction_change" ADD CONSTRAINT "court_direction_change_changed_by_user_account_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delay_notice" ADD CONSTRAINT "delay_notice_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delay_notice" ADD CONSTRAINT "delay_notice_direction_id_court_direction_id_fk" FOREIGN KEY ("direction_id") REFERENCES "public"."court_direction"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delay_notice" ADD CONSTRAINT "delay_notice_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delay_notice_recipient" ADD CONSTRAINT "delay_notice_recipient_notice_id_delay_notice_id_fk" FOREIGN KEY ("notice_id") REFERENCES "public"."delay_notice"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delay_notice_recipient" ADD CONSTRAINT "delay_notice_recipient_party_id_case_party_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."case_party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delay_notice_recipient" ADD CONSTRAINT "delay_notice_recipient_outbox_message_id_outbox_message_id_fk" FOREIGN KEY ("outbox_message_id") REFERENCES "public"."outbox_message"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_diversity" ADD CONSTRAINT "child_diversity_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_diversity" ADD CONSTRAINT "child_diversity_child_id_case_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."case_child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_diversity" ADD CONSTRAINT "child_diversity_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_diversity" ADD CONSTRAINT "child_diversity_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_impact_analysis" ADD CONSTRAINT "child_impact_analysis_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_impact_analysis" ADD CONSTRAINT "child_impact_analysis_child_id_case_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."case_child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_impact_analysis" ADD CONSTRAINT "child_impact_analysis_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "child_impact_analysis" ADD CONSTRAINT "child_impact_analysis_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_work_session" ADD CONSTRAINT "direct_work_session_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_work_session" ADD CONSTRAINT "direct_work_session_child_id_case_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."case_child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_work_session" ADD CONSTRAINT "direct_work_session_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_work_session" ADD CONSTRAINT "direct_work_session_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_work_session_tool" ADD CONSTRAINT "direct_work_session_tool_session_id_direct_work_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."direct_work_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_work_session_tool" ADD CONSTRAINT "direct_work_session_tool_tool_code_direct_work_tool_code_fk" FOREIGN KEY ("tool_code") REFERENCES "public"."direct_work_tool"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_work_words_revision" ADD CONSTRAINT "direct_work_words_revision_session_id_direct_work_session_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."direct_work_session"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "direct_work_words_revision" ADD CONSTRAINT "direct_work_words_revision_recorded_by_user_account_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_service" ADD CONSTRAINT "local_service_local_authority_code_local_authority_code_fk" FOREIGN KEY ("local_authority_code") REFERENCES "public"."local_authority"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signposting" ADD CONSTRAINT "signposting_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signposting" ADD CONSTRAINT "signposting_local_service_id_local_service_id_fk" FOREIGN KEY ("local_service_id") REFERENCES "public"."local_service"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signposting" ADD CONSTRAINT "signposting_party_id_case_party_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."case_party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signposting" ADD CONSTRAINT "signposting_child_id_case_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."case_child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signposting" ADD CONSTRAINT "signposting_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_sample_mark" ADD CONSTRAINT "audit_sample_mark_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_sample_mark" ADD CONSTRAINT "audit_sample_mark_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_sample_mark" ADD CONSTRAINT "audit_sample_mark_change_id_self_regulation_change_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."self_regulation_change"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_sample_mark" ADD CONSTRAINT "audit_sample_mark_marked_by_user_account_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_sample_mark" ADD CONSTRAINT "audit_sample_mark_cleared_by_user_account_id_fk" FOREIGN KEY ("cleared_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_regulation_change" ADD CONSTRAINT "self_regulation_change_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "self_regulation_change" ADD CONSTRAINT "self_regulation_change_changed_by_user_account_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_plan" ADD CONSTRAINT "case_plan_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_plan_version" ADD CONSTRAINT "case_plan_version_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_plan_version" ADD CONSTRAINT "case_plan_version_direction_by_user_account_id_fk" FOREIGN KEY ("direction_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_plan_version" ADD CONSTRAINT "case_plan_version_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_log_entry" ADD CONSTRAINT "contact_log_entry_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_log_entry" ADD CONSTRAINT "contact_log_entry_author_id_user_account_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_log_revision" ADD CONSTRAINT "contact_log_revision_entry_id_contact_log_entry_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."contact_log_entry"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_log_revision" ADD CONSTRAINT "contact_log_revision_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_log_revision" ADD CONSTRAINT "contact_log_revision_corrected_by_user_account_id_fk" FOREIGN KEY ("corrected_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_report" ADD CONSTRAINT "court_report_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_report" ADD CONSTRAINT "court_report_direction_id_court_direction_id_fk" FOREIGN KEY ("direction_id") REFERENCES "public"."court_direction"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_report" ADD CONSTRAINT "court_report_parent_report_id_court_report_id_fk" FOREIGN KEY ("parent_report_id") REFERENCES "public"."court_report"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_report" ADD CONSTRAINT "court_report_author_id_user_account_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_report" ADD CONSTRAINT "court_report_approved_by_user_account_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_report" ADD CONSTRAINT "court_report_filed_by_user_account_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_report_review" ADD CONSTRAINT "court_report_review_report_id_court_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."court_report"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_report_review" ADD CONSTRAINT "court_report_review_reviewer_id_user_account_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_report_revision" ADD CONSTRAINT "court_report_revision_report_id_court_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."court_report"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_report_revision" ADD CONSTRAINT "court_report_revision_saved_by_user_account_id_fk" FOREIGN KEY ("saved_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_report_share" ADD CONSTRAINT "court_report_share_report_id_court_report_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."court_report"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_report_share" ADD CONSTRAINT "court_report_share_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_report_share" ADD CONSTRAINT "court_report_share_party_id_case_party_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."case_party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_report_share" ADD CONSTRAINT "court_report_share_child_id_case_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."case_child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_report_share" ADD CONSTRAINT "court_report_share_recorded_by_user_account_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "child_letter_child_idx" ON "child_letter" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "child_letter_case_idx" ON "child_letter" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "closure_event_case_idx" ON "closure_event" USING btree ("case_id","occurred_at");--> statement-breakpoint
CREATE INDEX "court_direction_change_direction_idx" ON "court_direction_change" USING btree ("direction_id","changed_at");--> statement-breakpoint
CREATE INDEX "delay_notice_case_idx" ON "delay_notice" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "delay_notice_direction_idx" ON "delay_notice" USING btree ("direction_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "child_diversity_child_idx" ON "child_diversity" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "child_diversity_case_idx" ON "child_diversity" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "child_impact_analysis_child_idx" ON "child_impact_analysis" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "child_impact_analysis_case_idx" ON "child_impact_analysis" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "direct_work_session_case_child_idx" ON "direct_work_session" USING btree ("case_id","child_id","held_on");--> statement-breakpoint
CREATE INDEX "direct_work_session_child_idx" ON "direct_work_session" USING btree ("child_id");--> statement-breakpoint
CREATE INDEX "direct_work_session_tool_tool_idx" ON "direct_work_session_tool" USING btree ("tool_code");--> statement-breakpoint
CREATE INDEX "local_service_la_idx" ON "local_service" USING btree ("local_authority_code");--> statement-breakpoint
CREATE INDEX "local_service_nation_idx" ON "local_service" USING btree ("nation");--> statement-breakpoint
CREATE INDEX "signposting_case_idx" ON "signposting" USING btree ("case_id","given_on");--> statement-breakpoint
CREATE INDEX "audit_sample_mark_case_idx" ON "audit_sample_mark" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "audit_sample_mark_open_idx" ON "audit_sample_mark" USING btree ("user_id","marked_at" DESC NULLS LAST) WHERE "audit_sample_mark"."cleared_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_sample_mark_open_case_user_idx" ON "audit_sample_mark" USING btree ("case_id","user_id") WHERE "audit_sample_mark"."cleared_at" IS NULL;--> statement-breakpoint
CREATE INDEX "self_regulation_change_user_idx" ON "self_regulation_change" USING btree ("user_id","changed_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "case_plan_review_due_idx" ON "case_plan" USING btree ("review_due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "case_plan_version_case_version_idx" ON "case_plan_version" USING btree ("case_id","version");--> statement-breakpoint
CREATE INDEX "contact_log_recorded_idx" ON "contact_log_entry" USING btree ("case_id","held_on" DESC NULLS LAST,"held_time" DESC NULLS LAST) WHERE "contact_log_entry"."status" = 'recorded';--> statement-breakpoint
CREATE INDEX "contact_log_draft_idx" ON "contact_log_entry" USING btree ("case_id","author_id","updated_at") WHERE "contact_log_entry"."status" = 'draft';--> statement-breakpoint
CREATE UNIQUE INDEX "contact_log_revision_entry_version_idx" ON "contact_log_revision" USING btree ("entry_id","version");--> statement-breakpoint
CREATE INDEX "court_report_case_idx" ON "court_report" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "court_report_submitted_idx" ON "court_report" USING btree ("submitted_at") WHERE "court_report"."status" = 'submitted';--> statement-breakpoint
CREATE UNIQUE INDEX "court_report_direction_idx" ON "court_report" USING btree ("direction_id");--> statement-breakpoint
CREATE INDEX "court_report_review_report_idx" ON "court_report_review" USING btree ("report_id","reviewed_at");--> statement-breakpoint
CREATE INDEX "court_report_revision_report_idx" ON "court_report_revision" USING btree ("report_id","version");--> statement-breakpoint
CREATE INDEX "court_report_share_report_idx" ON "court_report_share" USING btree ("report_id","shared_on");--> statement-breakpoint
ALTER TABLE "case_allocation" ADD CONSTRAINT "case_allocation_allocated_by_user_account_id_fk" FOREIGN KEY ("allocated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_allocation" ADD CONSTRAINT "case_allocation_ended_by_user_account_id_fk" FOREIGN KEY ("ended_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_direction" ADD CONSTRAINT "court_direction_created_by_user_account_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_order" ADD CONSTRAINT "court_order_hearing_id_hearing_id_fk" FOREIGN KEY ("hearing_id") REFERENCES "public"."hearing"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court_order" ADD CONSTRAINT "court_order_recorded_by_user_account_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hearing" ADD CONSTRAINT "hearing_updated_by_user_account_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "outbox_message_created_idx" ON "outbox_message" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "outbox_message_status_created_idx" ON "outbox_message" USING btree ("status","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
-- ════ Hand-written: what the Drizzle schemas cannot express. Keep when regenerating. ════
-- Allocation:
-- The starting workload weights: DEFAULT_WORKLOAD_WEIGHTS of src/modules/allocation/workload.ts,
-- where their source is explained (a test checks the two agree). Administrators change them at
-- /admin/reference/workload-weights.
INSERT INTO "workload_weight" ("law", "application_type", "stage", "weight") VALUES
	('private', 'c100', 'allocated', 1.00),
	('private', 'c100', 'reporting', 1.00),
	('private', 'c100', 'report-filed', 0.50),
	('private', 'c100', 'closing', 0.25),
	('private', 'enforcement', 'allocated', 0.75),
	('private', 'enforcement', 'reporting', 0.75),
	('private', 'enforcement', 'report-filed', 0.50),
	('private', 'enforcement', 'closing', 0.25),
	('private', 'leave-to-remove', 'allocated', 1.00),
	('private', 'leave-to-remove', 'reporting', 1.00),
	('private', 'leave-to-remove', 'report-filed', 0.50),
	('private', 'leave-to-remove', 'closing', 0.25),
	('private', 'parental-order', 'allocated', 0.75),
	('private', 'parental-order', 'reporting', 0.75),
	('private', 'parental-order', 'report-filed', 0.25),
	('private', 'parental-order', 'closing', 0.25),
	('private', 'rule-16-4', 'allocated', 2.00),
	('private', 'rule-16-4', 'reporting', 2.00),
	('private', 'rule-16-4', 'report-filed', 1.50),
	('private', 'rule-16-4', 'closing', 0.50),
	('public', 'c110a', 'allocated', 2.00),
	('public', 'c110a', 'reporting', 2.00),
	('public', 'c110a', 'report-filed', 1.50),
	('public', 'c110a', 'closing', 0.50),
	('public', 'emergency-protection', 'allocated', 1.50),
	('public', 'emergency-protection', 'reporting', 1.50),
	('public', 'emergency-protection', 'report-filed', 1.00),
	('public', 'emergency-protection', 'closing', 0.50),
	('public', 'secure-accommodation', 'allocated', 2.00),
	('public', 'secure-accommodation', 'reporting', 2.00),
	('public', 'secure-accommodation', 'report-filed', 1.50),
	('public', 'secure-accommodation', 'closing', 0.50),
	('adoption', 'placement-order', 'allocated', 1.50),
	('adoption', 'placement-order', 'reporting', 1.50),
	('adoption', 'placement-order', 'report-filed', 1.00),
	('adoption', 'placement-order', 'closing', 0.50),
	('adoption', 'adoption', 'allocated', 1.00),
	('adoption', 'adoption', 'reporting', 1.00),
	('adoption', 'adoption', 'report-filed', 0.50),
	('adoption', 'adoption', 'closing', 0.25)
ON CONFLICT DO NOTHING;
--> statement-breakpoint
-- Direct work:
-- HAND-WRITTEN BLOCK (direct work): constraints and seed data that Drizzle does not express.
-- Keep this block when the migration is regenerated from the Drizzle schemas.
-- ---------------------------------------------------------------------------------------------
ALTER TABLE "direct_work_session" ADD CONSTRAINT "direct_work_session_not_seen_reason_check" CHECK (seen OR btrim(coalesce(not_seen_reason, '')) <> '');--> statement-breakpoint
ALTER TABLE "direct_work_session" ADD CONSTRAINT "direct_work_session_not_alone_reason_check" CHECK (NOT seen OR seen_alone OR btrim(coalesce(not_seen_alone_reason, '')) <> '');--> statement-breakpoint
ALTER TABLE "direct_work_session" ADD CONSTRAINT "direct_work_session_alone_if_seen_check" CHECK (seen OR NOT seen_alone);--> statement-breakpoint
ALTER TABLE "direct_work_session" ADD CONSTRAINT "direct_work_session_minutes_check" CHECK (minutes BETWEEN 0 AND 600);--> statement-breakpoint
ALTER TABLE "child_diversity" ADD CONSTRAINT "child_diversity_statement_check" CHECK (btrim(statement) <> '');--> statement-breakpoint
ALTER TABLE "local_service" ADD CONSTRAINT "local_service_nation_check" CHECK (nation IN ('england', 'wales'));--> statement-breakpoint
ALTER TABLE "signposting" ADD CONSTRAINT "signposting_one_recipient_check" CHECK ((party_id IS NULL) <> (child_id IS NULL));--> statement-breakpoint
ALTER TABLE "signposting" ADD CONSTRAINT "signposting_method_check" CHECK (method IN ('in-person', 'telephone', 'video', 'letter', 'email'));--> statement-breakpoint
-- A handful of synthetic services for each nation (made-up names, example.org addresses, no
-- real telephone numbers). Administrators add the real local services of each local authority.
INSERT INTO "local_service" ("id", "nation", "kind", "name", "name_cy", "description", "description_cy", "contact") VALUES
	('d1ec7000-0000-4000-8000-000000000001', 'england', 'family-information', 'Brightwell Family Information Service', 'Gwasanaeth Gwybodaeth i Deuluoedd Brightwell', 'Information and advice for families on childcare, activities and support near them.', 'Gwybodaeth a chyngor i deuluoedd am ofal plant, gweithgareddau a chymorth yn agos atynt.', 'https://brightwell-fis.example.org'),
	('d1ec7000-0000-4000-8000-000000000002', 'england', 'domestic-abuse', 'Safe Harbour Domestic Abuse Support', 'Cymorth Cam-drin Domestig Harbwr Diogel', 'Confidential support, safety planning and advocacy for people experiencing domestic abuse.', 'Cymorth cyfrinachol, cynllunio diogelwch ac eiriolaeth i bobl sy’n profi cam-drin domestig.', 'https://safe-harbour.example.org'),
	('d1ec7000-0000-4000-8000-000000000003', 'england', 'parenting-programme', 'Steady Steps Parenting Programme', 'Rhaglen Rianta Camau Cyson', 'A group programme for parents living apart, on putting children first after separation.', 'Rhaglen grŵp i rieni sy’n byw ar wahân, ar roi’r plant yn gyntaf ar ôl gwahanu.', 'https://steady-steps.example.org'),
	('d1ec7000-0000-4000-8000-000000000004', 'england', 'mediation', 'Common Ground Family Mediation', 'Cyfryngu Teuluol Tir Cyffredin', 'Mediation to help parents agree arrangements for their children without going to court.', 'Cyfryngu i helpu rhieni i gytuno ar drefniadau i’w plant heb fynd i’r llys.', 'https://common-ground.example.org'),
	('d1ec7000-0000-4000-8000-000000000005', 'england', 'young-carers', 'Young Carers Together', 'Gofalwyr Ifanc Gyda’n Gilydd', 'Support, breaks and activities for children and young people who care for someone at home.', 'Cymorth, seibiant a gweithgareddau i blant a phobl ifanc sy’n gofalu am rywun gartref.', 'https://young-carers-together.example.org'),
	('d1ec7000-0000-4000-8000-000000000006', 'england', 'counselling', 'Talking Space Children’s Counselling', 'Cwnsela Plant Lle i Siarad', 'Counselling for children and young people affected by family separation.', 'Cwnsela i blant a phobl ifanc y mae gwahanu teuluol wedi effeithio arnynt.', 'https://talking-space.example.org'),
	('d1ec7000-0000-4000-8000-000000000007', 'wales', 'family-information', 'Cwm Glas Family Information Service', 'Gwasanaeth Gwybodaeth i Deuluoedd Cwm Glas', 'Information and advice for families, in Welsh and English, on childcare and support.', 'Gwybodaeth a chyngor i deuluoedd, yn Gymraeg ac yn Saesneg, am ofal plant a chymorth.', 'https://cwm-glas-gwybodaeth.example.org'),
	('d1ec7000-0000-4000-8000-000000000008', 'wales', 'domestic-abuse', 'Lloches Domestic Abuse Support', 'Cymorth Cam-drin Domestig Lloches', 'Confidential support and safety planning for people experiencing domestic abuse.', 'Cymorth cyfrinachol a chynllunio diogelwch i bobl sy’n profi cam-drin domestig.', 'https://lloches.example.org'),
	('d1ec7000-0000-4000-8000-000000000009', 'wales', 'parenting-programme', 'Camau Bach Parenting Programme', 'Rhaglen Rianta Camau Bach', 'A programme for separated parents on working together for their children.', 'Rhaglen i rieni sydd wedi gwahanu ar gydweithio er lles eu plant.', 'https://camau-bach.example.org'),
	('d1ec7000-0000-4000-8000-000000000010', 'wales', 'mediation', 'Pont Family Mediation', 'Cyfryngu Teuluol Pont', 'Family mediation in Welsh or English to agree arrangements for children.', 'Cyfryngu teuluol yn Gymraeg neu’n Saesneg i gytuno ar drefniadau i blant.', 'https://pont-cyfryngu.example.org'),
	('d1ec7000-0000-4000-8000-000000000011', 'wales', 'young-carers', 'Gofalwyr Ifanc y Fro Young Carers', 'Gofalwyr Ifanc y Fro', 'Support and activities for young carers.', 'Cymorth a gweithgareddau i ofalwyr ifanc.', 'https://gofalwyr-ifanc-y-fro.example.org'),
	('d1ec7000-0000-4000-8000-000000000012', 'wales', 'counselling', 'Siarad Children’s Counselling', 'Cwnsela Plant Siarad', 'Counselling for children and young people, in Welsh or English.', 'Cwnsela i blant a phobl ifanc, yn Gymraeg neu’n Saesneg.', 'https://siarad.example.org')
ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
-- Court:
-- Optimistic concurrency for hearings and directions: any update that does not move the
-- version itself (the HMCTS import's upsert, which knows nothing of versions) bumps it, so
-- a form read before a court update is refused as stale instead of overwriting it.
CREATE FUNCTION court_record_bump_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.version = OLD.version THEN
    NEW.version := OLD.version + 1;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER hearing_bump_version BEFORE UPDATE ON "hearing"
  FOR EACH ROW EXECUTE FUNCTION court_record_bump_version();
--> statement-breakpoint
CREATE TRIGGER court_direction_bump_version BEFORE UPDATE ON "court_direction"
  FOR EACH ROW EXECUTE FUNCTION court_record_bump_version();
-- ════ End of the hand-written part ════
