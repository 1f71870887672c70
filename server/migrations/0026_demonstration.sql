CREATE TABLE "demonstration_applications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "demonstration_applications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"scheme_id" integer NOT NULL,
	"place_id" integer NOT NULL,
	"place_path" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"statement" text DEFAULT '' NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"computed" jsonb,
	"town_note" text,
	"site_check_on" date,
	"site_check_by" text,
	"site_check_findings" text,
	"total" numeric(5, 1),
	"notice_from" date,
	"notice_to" date,
	"outcome_reason" text,
	"submitted_at" timestamp with time zone,
	"named_at" timestamp with time zone,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demonstration_applications_status" CHECK ("demonstration_applications"."status" in ('draft', 'submitted', 'returned', 'recommended', 'under_review', 'noticed', 'named', 'declined', 'warned', 'removed'))
);
--> statement-breakpoint
CREATE TABLE "demonstration_evidence_files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "demonstration_evidence_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"application_id" integer NOT NULL,
	"criterion_key" text NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demonstration_objections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "demonstration_objections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"application_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"body" text NOT NULL,
	"answer" text,
	"answered_by" integer,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demonstration_reassessments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "demonstration_reassessments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"application_id" integer NOT NULL,
	"year" integer NOT NULL,
	"total" numeric(5, 1) NOT NULL,
	"finding" text,
	"resulting_status" text NOT NULL,
	"account_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demonstration_reassessments_status" CHECK ("demonstration_reassessments"."resulting_status" in ('draft', 'submitted', 'returned', 'recommended', 'under_review', 'noticed', 'named', 'declined', 'warned', 'removed'))
);
--> statement-breakpoint
CREATE TABLE "demonstration_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "demonstration_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"application_id" integer NOT NULL,
	"reviewer_account_id" integer NOT NULL,
	"scores" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "demonstration_schemes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "demonstration_schemes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"place_id" integer NOT NULL,
	"place_path" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"pass_mark" integer NOT NULL,
	"notice_days" integer NOT NULL,
	"criteria" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demonstration_schemes_period_order" CHECK ("demonstration_schemes"."period_to" > "demonstration_schemes"."period_from")
);
--> statement-breakpoint
ALTER TABLE "demonstration_applications" ADD CONSTRAINT "demonstration_applications_scheme_id_demonstration_schemes_id_fk" FOREIGN KEY ("scheme_id") REFERENCES "public"."demonstration_schemes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_applications" ADD CONSTRAINT "demonstration_applications_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_applications" ADD CONSTRAINT "demonstration_applications_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_evidence_files" ADD CONSTRAINT "demonstration_evidence_files_application_id_demonstration_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."demonstration_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_evidence_files" ADD CONSTRAINT "demonstration_evidence_files_uploaded_by_accounts_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_objections" ADD CONSTRAINT "demonstration_objections_application_id_demonstration_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."demonstration_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_objections" ADD CONSTRAINT "demonstration_objections_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_objections" ADD CONSTRAINT "demonstration_objections_answered_by_accounts_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_reassessments" ADD CONSTRAINT "demonstration_reassessments_application_id_demonstration_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."demonstration_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_reassessments" ADD CONSTRAINT "demonstration_reassessments_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_reviews" ADD CONSTRAINT "demonstration_reviews_application_id_demonstration_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."demonstration_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_reviews" ADD CONSTRAINT "demonstration_reviews_reviewer_account_id_accounts_id_fk" FOREIGN KEY ("reviewer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demonstration_schemes" ADD CONSTRAINT "demonstration_schemes_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "demonstration_applications_scheme_place_key" ON "demonstration_applications" USING btree ("scheme_id","place_id");--> statement-breakpoint
CREATE INDEX "demonstration_applications_path_idx" ON "demonstration_applications" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "demonstration_evidence_files_application_idx" ON "demonstration_evidence_files" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "demonstration_objections_application_idx" ON "demonstration_objections" USING btree ("application_id");--> statement-breakpoint
CREATE UNIQUE INDEX "demonstration_reassessments_application_year_key" ON "demonstration_reassessments" USING btree ("application_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "demonstration_reviews_application_reviewer_key" ON "demonstration_reviews" USING btree ("application_id","reviewer_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "demonstration_schemes_place_year_key" ON "demonstration_schemes" USING btree ("place_id","year");