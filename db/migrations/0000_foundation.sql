CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE TABLE "audit_chain_head" (
	"id" smallint PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_event" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"actor_role" text,
	"action" text NOT NULL,
	"resource_type" text NOT NULL,
	"resource_ids" text[] NOT NULL,
	"case_id" uuid,
	"field_categories" text[] NOT NULL,
	"reason" text,
	"request_id" text,
	"client_ip" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"auth_method" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_attempt" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email_key" text NOT NULL,
	"client_ip" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_account" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text,
	"oidc_subject" text,
	"disabled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "user_account_email_unique" UNIQUE("email"),
	CONSTRAINT "user_account_oidc_subject_unique" UNIQUE("oidc_subject")
);
--> statement-breakpoint
CREATE TABLE "form_submission" (
	"token" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"used_at" timestamp with time zone DEFAULT now() NOT NULL,
	"result_location" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_access_grant" (
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"granted_by" uuid,
	"reason" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone,
	CONSTRAINT "case_access_grant_case_id_user_id_pk" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "case_allocation" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"allocation_role" text NOT NULL,
	"allocated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_child" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"gender" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_party" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"party_role" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_record" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"law" text NOT NULL,
	"application_type" text NOT NULL,
	"status" text NOT NULL,
	"area_id" text NOT NULL,
	"team_id" text,
	"court_id" text,
	"local_authority_code" text,
	"received_on" date NOT NULL,
	"first_hearing_on" date,
	"language" text DEFAULT 'en' NOT NULL,
	"restricted" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "case_record_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "contact_detail" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"address_lines" text[],
	"postcode" text,
	"value" text,
	"confidential" boolean DEFAULT false NOT NULL,
	"refuge" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "emergency_access" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"review_outcome" text
);
--> statement-breakpoint
CREATE TABLE "party_child_relationship" (
	"party_id" uuid NOT NULL,
	"child_id" uuid NOT NULL,
	"relationship" text NOT NULL,
	CONSTRAINT "party_child_relationship_party_id_child_id_pk" PRIMARY KEY("party_id","child_id")
);
--> statement-breakpoint
CREATE TABLE "person" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"given_names" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date,
	"language_preference" text DEFAULT 'en' NOT NULL,
	"interpreter_language" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "timeline_event" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"child_id" uuid,
	"actor_user_id" uuid,
	"body" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "court" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_cy" text,
	"nation" text NOT NULL,
	"area_id" text
);
--> statement-breakpoint
CREATE TABLE "local_authority" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"name_cy" text,
	"nation" text NOT NULL,
	"area_id" text
);
--> statement-breakpoint
CREATE TABLE "service_area" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_cy" text NOT NULL,
	"nation" text NOT NULL,
	CONSTRAINT "service_area_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "staff" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"area_id" text,
	"job_title" text NOT NULL,
	"welsh_speaker" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staff_role" (
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "staff_role_user_id_role_pk" PRIMARY KEY("user_id","role")
);
--> statement-breakpoint
CREATE TABLE "team" (
	"id" text PRIMARY KEY NOT NULL,
	"area_id" text NOT NULL,
	"name" text NOT NULL,
	"name_cy" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_membership" (
	"user_id" uuid NOT NULL,
	"team_id" text NOT NULL,
	"manages" boolean DEFAULT false NOT NULL,
	CONSTRAINT "team_membership_user_id_team_id_pk" PRIMARY KEY("user_id","team_id")
);
--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_access_grant" ADD CONSTRAINT "case_access_grant_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_access_grant" ADD CONSTRAINT "case_access_grant_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_access_grant" ADD CONSTRAINT "case_access_grant_granted_by_user_account_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_allocation" ADD CONSTRAINT "case_allocation_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_allocation" ADD CONSTRAINT "case_allocation_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_child" ADD CONSTRAINT "case_child_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_child" ADD CONSTRAINT "case_child_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_party" ADD CONSTRAINT "case_party_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_party" ADD CONSTRAINT "case_party_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_record" ADD CONSTRAINT "case_record_area_id_service_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."service_area"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_record" ADD CONSTRAINT "case_record_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_record" ADD CONSTRAINT "case_record_court_id_court_id_fk" FOREIGN KEY ("court_id") REFERENCES "public"."court"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_record" ADD CONSTRAINT "case_record_local_authority_code_local_authority_code_fk" FOREIGN KEY ("local_authority_code") REFERENCES "public"."local_authority"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_detail" ADD CONSTRAINT "contact_detail_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_detail" ADD CONSTRAINT "contact_detail_person_id_person_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."person"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_access" ADD CONSTRAINT "emergency_access_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_access" ADD CONSTRAINT "emergency_access_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "emergency_access" ADD CONSTRAINT "emergency_access_reviewed_by_user_account_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_child_relationship" ADD CONSTRAINT "party_child_relationship_party_id_case_party_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."case_party"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "party_child_relationship" ADD CONSTRAINT "party_child_relationship_child_id_case_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."case_child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_event" ADD CONSTRAINT "timeline_event_case_id_case_record_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_record"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_event" ADD CONSTRAINT "timeline_event_child_id_case_child_id_fk" FOREIGN KEY ("child_id") REFERENCES "public"."case_child"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "timeline_event" ADD CONSTRAINT "timeline_event_actor_user_id_user_account_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "court" ADD CONSTRAINT "court_area_id_service_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."service_area"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "local_authority" ADD CONSTRAINT "local_authority_area_id_service_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."service_area"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_user_id_user_account_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user_account"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff" ADD CONSTRAINT "staff_area_id_service_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."service_area"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_role" ADD CONSTRAINT "staff_role_user_id_staff_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."staff"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team" ADD CONSTRAINT "team_area_id_service_area_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."service_area"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_membership" ADD CONSTRAINT "team_membership_user_id_staff_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."staff"("user_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_membership" ADD CONSTRAINT "team_membership_team_id_team_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."team"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_event_case_idx" ON "audit_event" USING btree ("case_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_event_actor_idx" ON "audit_event" USING btree ("actor_user_id","occurred_at");--> statement-breakpoint
CREATE INDEX "session_user_idx" ON "session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sign_in_attempt_email_idx" ON "sign_in_attempt" USING btree ("email_key","attempted_at");--> statement-breakpoint
CREATE INDEX "sign_in_attempt_ip_idx" ON "sign_in_attempt" USING btree ("client_ip","attempted_at");--> statement-breakpoint
CREATE INDEX "case_access_grant_user_idx" ON "case_access_grant" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "case_allocation_case_idx" ON "case_allocation" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_allocation_user_active_idx" ON "case_allocation" USING btree ("user_id") WHERE "case_allocation"."ended_at" IS NULL;--> statement-breakpoint
CREATE INDEX "case_child_case_idx" ON "case_child" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_child_person_idx" ON "case_child" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "case_party_case_idx" ON "case_party" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_party_person_idx" ON "case_party" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "case_area_received_idx" ON "case_record" USING btree ("area_id","received_on");--> statement-breakpoint
CREATE INDEX "case_team_received_idx" ON "case_record" USING btree ("team_id","received_on");--> statement-breakpoint
CREATE INDEX "case_received_idx" ON "case_record" USING btree ("received_on","id");--> statement-breakpoint
CREATE INDEX "case_status_idx" ON "case_record" USING btree ("status");--> statement-breakpoint
CREATE INDEX "contact_detail_case_person_idx" ON "contact_detail" USING btree ("case_id","person_id");--> statement-breakpoint
CREATE INDEX "emergency_access_case_user_idx" ON "emergency_access" USING btree ("case_id","user_id","expires_at");--> statement-breakpoint
CREATE INDEX "emergency_access_unreviewed_idx" ON "emergency_access" USING btree ("granted_at") WHERE "emergency_access"."reviewed_at" IS NULL;--> statement-breakpoint
CREATE INDEX "person_name_trgm_idx" ON "person" USING gin (("family_name" || ' ' || "given_names") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "person_dob_idx" ON "person" USING btree ("date_of_birth");--> statement-breakpoint
CREATE INDEX "timeline_case_time_idx" ON "timeline_event" USING btree ("case_id","occurred_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "staff_area_idx" ON "staff" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "team_area_idx" ON "team" USING btree ("area_id");--> statement-breakpoint
CREATE INDEX "team_membership_team_idx" ON "team_membership" USING btree ("team_id");