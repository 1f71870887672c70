-- The public-text redactor no longer keeps every name in each process: it looks a text's substrings
-- up in these indexes. The version row that told processes to rebuild their copy goes, with the
-- triggers that bumped it on every name, grant and outside-party invitation (one hot row less).
DROP FUNCTION "name_directory_bump"() CASCADE;--> statement-breakpoint
DROP TABLE "name_directory_version";--> statement-breakpoint
CREATE INDEX "residents_trimmed_name_idx" ON "residents" USING btree (char_length(btrim("name")),btrim("name"));--> statement-breakpoint
CREATE INDEX "accounts_trimmed_name_idx" ON "accounts" USING btree (char_length(btrim("display_name")),btrim("display_name"));--> statement-breakpoint
CREATE INDEX "invitations_outside_name_idx" ON "invitations" USING btree (char_length(btrim("outside_name")),btrim("outside_name")) WHERE "invitations"."outside_name" is not null;
