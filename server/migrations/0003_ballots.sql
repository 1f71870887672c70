CREATE TABLE "ballot_electors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ballot_electors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"ballot_id" integer NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"resident_ids" integer[] NOT NULL,
	"dwelling_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"household_id" integer,
	"area_centi" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_log" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ballot_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"ballot_id" integer NOT NULL,
	"account_id" integer,
	"action" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_options" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ballot_options_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"ballot_id" integer NOT NULL,
	"position" integer NOT NULL,
	"label" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_paper_entries" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ballot_paper_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"paper_id" integer NOT NULL,
	"elector_id" integer NOT NULL,
	"choice" jsonb NOT NULL,
	"entered_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_papers" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ballot_papers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"ballot_id" integer NOT NULL,
	"paper_no" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reconciled_by" integer,
	"reconcile_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_proxies" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ballot_proxies_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"ballot_id" integer NOT NULL,
	"principal_elector_id" integer NOT NULL,
	"proxy_account_id" integer NOT NULL,
	"letter_sha256" text NOT NULL,
	"letter_type" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"registered_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ballot_secret_choices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ballot_id" integer NOT NULL,
	"receipt_hash" text NOT NULL,
	"choice" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballot_votes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ballot_votes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"ballot_id" integer NOT NULL,
	"elector_id" integer NOT NULL,
	"channel" text NOT NULL,
	"cast_by" integer NOT NULL,
	"proxy_id" integer,
	"paper_no" text,
	"receipt_hash" text NOT NULL,
	"choice" jsonb,
	"cast_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ballots" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ballots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"matter_id" integer,
	"council_id" integer,
	"place_id" integer NOT NULL,
	"place_path" text NOT NULL,
	"scope_place_id" integer,
	"question" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"rule_key" text NOT NULL,
	"rule_version" integer NOT NULL,
	"rule_threshold" jsonb,
	"electorate_kind" text NOT NULL,
	"secrecy" text NOT NULL,
	"allows_change" boolean DEFAULT false NOT NULL,
	"proxy_cap" integer DEFAULT 3 NOT NULL,
	"required_dwelling_ids" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_by" integer,
	"result" jsonb,
	"result_digest" text,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ballots_owner" CHECK ("ballots"."matter_id" is not null or "ballots"."council_id" is not null),
	CONSTRAINT "ballots_proxy_cap" CHECK ("ballots"."proxy_cap" between 1 and 20)
);
--> statement-breakpoint
ALTER TABLE "ballot_electors" ADD CONSTRAINT "ballot_electors_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_log" ADD CONSTRAINT "ballot_log_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_log" ADD CONSTRAINT "ballot_log_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_options" ADD CONSTRAINT "ballot_options_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_paper_entries" ADD CONSTRAINT "ballot_paper_entries_paper_id_ballot_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."ballot_papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_paper_entries" ADD CONSTRAINT "ballot_paper_entries_elector_id_ballot_electors_id_fk" FOREIGN KEY ("elector_id") REFERENCES "public"."ballot_electors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_paper_entries" ADD CONSTRAINT "ballot_paper_entries_entered_by_accounts_id_fk" FOREIGN KEY ("entered_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_papers" ADD CONSTRAINT "ballot_papers_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_papers" ADD CONSTRAINT "ballot_papers_reconciled_by_accounts_id_fk" FOREIGN KEY ("reconciled_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_proxies" ADD CONSTRAINT "ballot_proxies_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_proxies" ADD CONSTRAINT "ballot_proxies_principal_elector_id_ballot_electors_id_fk" FOREIGN KEY ("principal_elector_id") REFERENCES "public"."ballot_electors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_proxies" ADD CONSTRAINT "ballot_proxies_proxy_account_id_accounts_id_fk" FOREIGN KEY ("proxy_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_proxies" ADD CONSTRAINT "ballot_proxies_registered_by_accounts_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_secret_choices" ADD CONSTRAINT "ballot_secret_choices_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_votes" ADD CONSTRAINT "ballot_votes_ballot_id_ballots_id_fk" FOREIGN KEY ("ballot_id") REFERENCES "public"."ballots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_votes" ADD CONSTRAINT "ballot_votes_elector_id_ballot_electors_id_fk" FOREIGN KEY ("elector_id") REFERENCES "public"."ballot_electors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballot_votes" ADD CONSTRAINT "ballot_votes_cast_by_accounts_id_fk" FOREIGN KEY ("cast_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_council_id_councils_id_fk" FOREIGN KEY ("council_id") REFERENCES "public"."councils"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_scope_place_id_places_id_fk" FOREIGN KEY ("scope_place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_closed_by_accounts_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ballots" ADD CONSTRAINT "ballots_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_electors_key_uq" ON "ballot_electors" USING btree ("ballot_id","key");--> statement-breakpoint
CREATE INDEX "ballot_electors_residents_idx" ON "ballot_electors" USING gin ("resident_ids");--> statement-breakpoint
CREATE INDEX "ballot_log_ballot_idx" ON "ballot_log" USING btree ("ballot_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_options_position_uq" ON "ballot_options" USING btree ("ballot_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_paper_entries_staff_uq" ON "ballot_paper_entries" USING btree ("paper_id","entered_by");--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_papers_no_uq" ON "ballot_papers" USING btree ("ballot_id","paper_no");--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_proxies_active_uq" ON "ballot_proxies" USING btree ("ballot_id","principal_elector_id") WHERE "ballot_proxies"."status" = 'active';--> statement-breakpoint
CREATE INDEX "ballot_proxies_proxy_idx" ON "ballot_proxies" USING btree ("ballot_id","proxy_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_secret_choices_receipt_uq" ON "ballot_secret_choices" USING btree ("receipt_hash");--> statement-breakpoint
CREATE INDEX "ballot_secret_choices_ballot_id_index" ON "ballot_secret_choices" USING btree ("ballot_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_votes_elector_uq" ON "ballot_votes" USING btree ("ballot_id","elector_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ballot_votes_receipt_uq" ON "ballot_votes" USING btree ("receipt_hash");--> statement-breakpoint
CREATE INDEX "ballots_matter_idx" ON "ballots" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "ballots_place_path_idx" ON "ballots" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "ballots_open_closes_idx" ON "ballots" USING btree ("status","closes_at");