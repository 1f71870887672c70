CREATE TABLE "role_grant_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "role_grant_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"account_id" integer NOT NULL,
	"role" text NOT NULL,
	"place_id" integer NOT NULL,
	"place_path" text NOT NULL,
	"kind" text NOT NULL,
	"actor_account_id" integer,
	"actor_label" text,
	"reason" text DEFAULT '' NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "matter_oversight_uq";--> statement-breakpoint
ALTER TABLE "matter_oversight" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "role_grant_events" ADD CONSTRAINT "role_grant_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grant_events" ADD CONSTRAINT "role_grant_events_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "role_grant_events" ADD CONSTRAINT "role_grant_events_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "role_grant_events_place_path_idx" ON "role_grant_events" USING btree ("place_path" text_pattern_ops,"at");--> statement-breakpoint
CREATE INDEX "role_grant_events_account_idx" ON "role_grant_events" USING btree ("account_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "matter_oversight_uq" ON "matter_oversight" USING btree ("matter_id","supervisor_account_id") WHERE "matter_oversight"."ended_at" is null;--> statement-breakpoint
-- hand-written:
-- The record starts with the staff and supervisor grants that exist today, dated when they were made.
INSERT INTO "role_grant_events" ("account_id", "role", "place_id", "place_path", "kind", "actor_label", "reason", "at")
SELECT g."account_id", g."role", g."place_id", p."path", 'granted', 'before-record', '', g."created_at"
FROM "role_grants" g JOIN "places" p ON p."id" = g."place_id"
WHERE g."role" NOT IN ('resident', 'member');
