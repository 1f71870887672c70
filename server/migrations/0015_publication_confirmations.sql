CREATE TABLE "name_directory_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "public_labels" (
	"matter_id" integer NOT NULL,
	"name" text NOT NULL,
	"label" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "public_labels_matter_id_name_pk" PRIMARY KEY("matter_id","name")
);
--> statement-breakpoint
CREATE TABLE "public_texts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "public_texts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"matter_id" integer NOT NULL,
	"kind" text NOT NULL,
	"source_id" integer NOT NULL,
	"body" text NOT NULL,
	"source_digest" text NOT NULL,
	"confirmed_by" integer NOT NULL,
	"confirmed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "public_labels" ADD CONSTRAINT "public_labels_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_texts" ADD CONSTRAINT "public_texts_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "public_texts" ADD CONSTRAINT "public_texts_confirmed_by_accounts_id_fk" FOREIGN KEY ("confirmed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "public_texts_source_key" ON "public_texts" USING btree ("matter_id","kind","source_id");--> statement-breakpoint
-- hand-written:
-- The name directory's version: any change to residents' or accounts' names or to role grants (who
-- counts as staff) bumps it in the same transaction, so a process never caches a directory built from
-- names it could not yet see.
INSERT INTO "name_directory_version" ("id", "version") VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION "name_directory_bump"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE name_directory_version SET version = version + 1 WHERE id = 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "residents_name_directory" AFTER INSERT OR DELETE OR UPDATE OF "name" ON "residents" FOR EACH STATEMENT EXECUTE FUNCTION name_directory_bump();
--> statement-breakpoint
CREATE TRIGGER "accounts_name_directory" AFTER INSERT OR DELETE OR UPDATE OF "display_name", "resident_id" ON "accounts" FOR EACH STATEMENT EXECUTE FUNCTION name_directory_bump();
--> statement-breakpoint
CREATE TRIGGER "role_grants_name_directory" AFTER INSERT OR DELETE OR UPDATE ON "role_grants" FOR EACH STATEMENT EXECUTE FUNCTION name_directory_bump();
--> statement-breakpoint
-- Invitations change all the time; only those naming an outside party touch the directory (row triggers).
CREATE TRIGGER "invitations_name_directory_ins" AFTER INSERT ON "invitations" FOR EACH ROW WHEN (NEW.outside_name IS NOT NULL) EXECUTE FUNCTION name_directory_bump();
--> statement-breakpoint
CREATE TRIGGER "invitations_name_directory_del" AFTER DELETE ON "invitations" FOR EACH ROW WHEN (OLD.outside_name IS NOT NULL) EXECUTE FUNCTION name_directory_bump();
--> statement-breakpoint
CREATE TRIGGER "invitations_name_directory_upd" AFTER UPDATE OF "outside_name" ON "invitations" FOR EACH ROW WHEN (OLD.outside_name IS DISTINCT FROM NEW.outside_name) EXECUTE FUNCTION name_directory_bump();
