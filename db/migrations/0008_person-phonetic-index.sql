CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
--> statement-breakpoint
CREATE INDEX "person_phonetic_idx" ON "person" USING btree (dmetaphone("family_name"),dmetaphone(split_part("given_names", ' ', 1)));
