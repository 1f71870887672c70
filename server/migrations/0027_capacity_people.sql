CREATE TABLE "organisation_agents" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organisation_agents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organisation_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_categories" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organisation_categories_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"place_id" integer NOT NULL,
	"place_path" text NOT NULL,
	"name" text NOT NULL,
	"tier" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_communities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organisation_communities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organisation_id" integer NOT NULL,
	"place_id" integer NOT NULL,
	"place_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_budget_lines" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_budget_lines_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"name" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "project_budget_lines_amount" CHECK ("project_budget_lines"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "project_calls" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_calls_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"place_id" integer NOT NULL,
	"place_path" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"budget_fen" bigint NOT NULL,
	"max_per_project_fen" bigint NOT NULL,
	"criteria" jsonb NOT NULL,
	"opens_on" date NOT NULL,
	"closes_on" date NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_calls_budget" CHECK ("project_calls"."budget_fen" > 0 and "project_calls"."max_per_project_fen" > 0),
	CONSTRAINT "project_calls_period" CHECK ("project_calls"."closes_on" >= "project_calls"."opens_on"),
	CONSTRAINT "project_calls_status" CHECK ("project_calls"."status" in ('draft', 'open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "project_communities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_communities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"place_id" integer NOT NULL,
	"place_path" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_evidence_files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_evidence_files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"milestone_id" integer NOT NULL,
	"storage_key" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"uploaded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_matters" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_matters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"matter_id" integer NOT NULL,
	"relation" text DEFAULT 'served' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_milestones" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_milestones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"title" text NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"report" text,
	"reported_by" integer,
	"reported_at" timestamp with time zone,
	"review_note" text,
	"accepted_by" integer,
	"accepted_at" timestamp with time zone,
	"sort_order" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "project_milestones_status" CHECK ("project_milestones"."status" in ('planned', 'reported', 'accepted'))
);
--> statement-breakpoint
CREATE TABLE "project_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"stage" text NOT NULL,
	"reviewer_account_id" integer NOT NULL,
	"scores" jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "project_spendings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "project_spendings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"project_id" integer NOT NULL,
	"budget_line_id" integer NOT NULL,
	"milestone_id" integer,
	"amount_fen" bigint NOT NULL,
	"spent_on" date NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"recorded_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_spendings_amount" CHECK ("project_spendings"."amount_fen" > 0)
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "projects_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"call_id" integer NOT NULL,
	"organisation_id" integer NOT NULL,
	"place_path" text NOT NULL,
	"title" text NOT NULL,
	"aims" text DEFAULT '' NOT NULL,
	"governances" text[] DEFAULT '{}'::text[] NOT NULL,
	"indicators" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"officer_note" text,
	"review_total" numeric(5, 1),
	"contract_no" text,
	"contract_amount_fen" bigint,
	"contract_from" date,
	"contract_to" date,
	"midterm_score" numeric(5, 1),
	"final_score" numeric(5, 1),
	"satisfaction" numeric(3, 2),
	"result_summary" text,
	"submitted_at" timestamp with time zone,
	"contracted_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "projects_contract_amount" CHECK ("projects"."contract_amount_fen" is null or "projects"."contract_amount_fen" > 0),
	CONSTRAINT "projects_governances_known" CHECK ("projects"."governances" <@ array['autonomy', 'law', 'virtue', 'smart']::text[]),
	CONSTRAINT "projects_status" CHECK ("projects"."status" in ('draft', 'submitted', 'returned', 'declined', 'approved', 'contracted', 'midterm_evaluated', 'final_evaluated', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "micro_leaders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "micro_leaders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"account_id" integer NOT NULL,
	"place_path" text NOT NULL,
	"programme_id" integer,
	"pool_member_id" integer,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"since" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"withdrawn_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "micro_leaders_status" CHECK ("micro_leaders"."status" in ('active', 'withdrawn'))
);
--> statement-breakpoint
CREATE TABLE "training_participants" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_participants_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"programme_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"place_path" text NOT NULL,
	"status" text DEFAULT 'enrolled' NOT NULL,
	"assessment_score" integer,
	"assessed_by" integer,
	"completed_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_participants_score" CHECK ("training_participants"."assessment_score" is null or "training_participants"."assessment_score" between 0 and 100),
	CONSTRAINT "training_participants_status" CHECK ("training_participants"."status" in ('enrolled', 'completed', 'not_completed'))
);
--> statement-breakpoint
CREATE TABLE "training_programmes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_programmes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"place_id" integer NOT NULL,
	"place_path" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"required_minutes" integer NOT NULL,
	"pass_score" integer NOT NULL,
	"makes_micro_leaders" boolean DEFAULT true NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_programmes_required" CHECK ("training_programmes"."required_minutes" > 0),
	CONSTRAINT "training_programmes_pass_score" CHECK ("training_programmes"."pass_score" between 0 and 100),
	CONSTRAINT "training_programmes_status" CHECK ("training_programmes"."status" in ('draft', 'open', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "training_sessions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"programme_id" integer NOT NULL,
	"course" text NOT NULL,
	"teacher" text DEFAULT '' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"venue_id" integer,
	"sign_in_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "training_sessions_minutes" CHECK ("training_sessions"."minutes" > 0)
);
--> statement-breakpoint
CREATE TABLE "training_sign_ins" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "training_sign_ins_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"session_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"method" text NOT NULL,
	"marked_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talent_nominations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "talent_nominations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"selection_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"place_path" text NOT NULL,
	"nominator_kind" text NOT NULL,
	"nominated_by" integer NOT NULL,
	"statement" text NOT NULL,
	"record" jsonb NOT NULL,
	"status" text DEFAULT 'nominated' NOT NULL,
	"total" numeric(5, 1),
	"outcome_reason" text,
	"notice_from" date,
	"notice_to" date,
	"certificate_no" text,
	"named_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "talent_nominations_status" CHECK ("talent_nominations"."status" in ('nominated', 'ineligible', 'eligible', 'noticed', 'named', 'declined'))
);
--> statement-breakpoint
CREATE TABLE "talent_objections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "talent_objections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"nomination_id" integer NOT NULL,
	"account_id" integer NOT NULL,
	"body" text NOT NULL,
	"answer" text,
	"upheld" boolean,
	"answered_by" integer,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talent_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "talent_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"nomination_id" integer NOT NULL,
	"reviewer_account_id" integer NOT NULL,
	"scores" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "talent_selections" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "talent_selections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"place_id" integer NOT NULL,
	"place_path" text NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"quota" integer NOT NULL,
	"min_trained_minutes" integer DEFAULT 0 NOT NULL,
	"min_matters_convened" integer DEFAULT 0 NOT NULL,
	"min_projects_run" integer DEFAULT 0 NOT NULL,
	"criteria" jsonb NOT NULL,
	"nominations_close_on" date NOT NULL,
	"notice_days" integer NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"created_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "talent_selections_quota" CHECK ("talent_selections"."quota" > 0),
	CONSTRAINT "talent_selections_notice_days" CHECK ("talent_selections"."notice_days" > 0),
	CONSTRAINT "talent_selections_status" CHECK ("talent_selections"."status" in ('draft', 'nominating', 'reviewing', 'closed'))
);
--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "registration_no" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "category_id" integer;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "can_deliberate" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "capabilities" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "brand" text;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "is_active" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation_agents" ADD CONSTRAINT "organisation_agents_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_agents" ADD CONSTRAINT "organisation_agents_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_categories" ADD CONSTRAINT "organisation_categories_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_communities" ADD CONSTRAINT "organisation_communities_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_communities" ADD CONSTRAINT "organisation_communities_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_budget_lines" ADD CONSTRAINT "project_budget_lines_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_calls" ADD CONSTRAINT "project_calls_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_calls" ADD CONSTRAINT "project_calls_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_communities" ADD CONSTRAINT "project_communities_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_communities" ADD CONSTRAINT "project_communities_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_evidence_files" ADD CONSTRAINT "project_evidence_files_milestone_id_project_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."project_milestones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_evidence_files" ADD CONSTRAINT "project_evidence_files_uploaded_by_accounts_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_matters" ADD CONSTRAINT "project_matters_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_matters" ADD CONSTRAINT "project_matters_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_reported_by_accounts_id_fk" FOREIGN KEY ("reported_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_milestones" ADD CONSTRAINT "project_milestones_accepted_by_accounts_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reviews" ADD CONSTRAINT "project_reviews_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_reviews" ADD CONSTRAINT "project_reviews_reviewer_account_id_accounts_id_fk" FOREIGN KEY ("reviewer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_spendings" ADD CONSTRAINT "project_spendings_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_spendings" ADD CONSTRAINT "project_spendings_budget_line_id_project_budget_lines_id_fk" FOREIGN KEY ("budget_line_id") REFERENCES "public"."project_budget_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_spendings" ADD CONSTRAINT "project_spendings_milestone_id_project_milestones_id_fk" FOREIGN KEY ("milestone_id") REFERENCES "public"."project_milestones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "project_spendings" ADD CONSTRAINT "project_spendings_recorded_by_accounts_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_call_id_project_calls_id_fk" FOREIGN KEY ("call_id") REFERENCES "public"."project_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "projects" ADD CONSTRAINT "projects_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "micro_leaders" ADD CONSTRAINT "micro_leaders_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "micro_leaders" ADD CONSTRAINT "micro_leaders_programme_id_training_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."training_programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "micro_leaders" ADD CONSTRAINT "micro_leaders_pool_member_id_pool_members_id_fk" FOREIGN KEY ("pool_member_id") REFERENCES "public"."pool_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_programme_id_training_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."training_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_participants" ADD CONSTRAINT "training_participants_assessed_by_accounts_id_fk" FOREIGN KEY ("assessed_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_programmes" ADD CONSTRAINT "training_programmes_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_programmes" ADD CONSTRAINT "training_programmes_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_programme_id_training_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."training_programmes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sessions" ADD CONSTRAINT "training_sessions_venue_id_venues_id_fk" FOREIGN KEY ("venue_id") REFERENCES "public"."venues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sign_ins" ADD CONSTRAINT "training_sign_ins_session_id_training_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."training_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sign_ins" ADD CONSTRAINT "training_sign_ins_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "training_sign_ins" ADD CONSTRAINT "training_sign_ins_marked_by_accounts_id_fk" FOREIGN KEY ("marked_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_nominations" ADD CONSTRAINT "talent_nominations_selection_id_talent_selections_id_fk" FOREIGN KEY ("selection_id") REFERENCES "public"."talent_selections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_nominations" ADD CONSTRAINT "talent_nominations_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_nominations" ADD CONSTRAINT "talent_nominations_nominated_by_accounts_id_fk" FOREIGN KEY ("nominated_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_objections" ADD CONSTRAINT "talent_objections_nomination_id_talent_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."talent_nominations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_objections" ADD CONSTRAINT "talent_objections_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_objections" ADD CONSTRAINT "talent_objections_answered_by_accounts_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_reviews" ADD CONSTRAINT "talent_reviews_nomination_id_talent_nominations_id_fk" FOREIGN KEY ("nomination_id") REFERENCES "public"."talent_nominations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_reviews" ADD CONSTRAINT "talent_reviews_reviewer_account_id_accounts_id_fk" FOREIGN KEY ("reviewer_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_selections" ADD CONSTRAINT "talent_selections_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "talent_selections" ADD CONSTRAINT "talent_selections_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_agents_key" ON "organisation_agents" USING btree ("organisation_id","account_id");--> statement-breakpoint
CREATE INDEX "organisation_agents_account_idx" ON "organisation_agents" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_categories_place_name_key" ON "organisation_categories" USING btree ("place_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_communities_key" ON "organisation_communities" USING btree ("organisation_id","place_id");--> statement-breakpoint
CREATE INDEX "organisation_communities_path_idx" ON "organisation_communities" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "project_budget_lines_name_key" ON "project_budget_lines" USING btree ("project_id","name");--> statement-breakpoint
CREATE INDEX "project_calls_path_idx" ON "project_calls" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "project_communities_key" ON "project_communities" USING btree ("project_id","place_id");--> statement-breakpoint
CREATE INDEX "project_communities_path_idx" ON "project_communities" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "project_evidence_files_milestone_idx" ON "project_evidence_files" USING btree ("milestone_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_matters_key" ON "project_matters" USING btree ("project_id","matter_id");--> statement-breakpoint
CREATE INDEX "project_matters_matter_idx" ON "project_matters" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "project_milestones_project_idx" ON "project_milestones" USING btree ("project_id");--> statement-breakpoint
CREATE UNIQUE INDEX "project_reviews_key" ON "project_reviews" USING btree ("project_id","stage","reviewer_account_id");--> statement-breakpoint
CREATE INDEX "project_spendings_project_idx" ON "project_spendings" USING btree ("project_id","budget_line_id");--> statement-breakpoint
CREATE INDEX "projects_path_idx" ON "projects" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "projects_call_idx" ON "projects" USING btree ("call_id");--> statement-breakpoint
CREATE INDEX "projects_organisation_idx" ON "projects" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "micro_leaders_account_key" ON "micro_leaders" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "micro_leaders_path_idx" ON "micro_leaders" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "micro_leaders_tags_idx" ON "micro_leaders" USING gin ("tags");--> statement-breakpoint
CREATE UNIQUE INDEX "training_participants_key" ON "training_participants" USING btree ("programme_id","account_id");--> statement-breakpoint
CREATE INDEX "training_participants_account_idx" ON "training_participants" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "training_participants_path_idx" ON "training_participants" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "training_programmes_path_idx" ON "training_programmes" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "training_sessions_programme_idx" ON "training_sessions" USING btree ("programme_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "training_sign_ins_key" ON "training_sign_ins" USING btree ("session_id","account_id");--> statement-breakpoint
CREATE INDEX "training_sign_ins_account_idx" ON "training_sign_ins" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "talent_nominations_selection_account_key" ON "talent_nominations" USING btree ("selection_id","account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "talent_nominations_certificate_key" ON "talent_nominations" USING btree ("certificate_no") WHERE "talent_nominations"."certificate_no" is not null;--> statement-breakpoint
CREATE INDEX "talent_nominations_path_idx" ON "talent_nominations" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "talent_objections_nomination_idx" ON "talent_objections" USING btree ("nomination_id");--> statement-breakpoint
CREATE UNIQUE INDEX "talent_reviews_key" ON "talent_reviews" USING btree ("nomination_id","reviewer_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "talent_selections_place_year_key" ON "talent_selections" USING btree ("place_id","year");--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_category_id_organisation_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."organisation_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_registration_no_key" ON "organisations" USING btree ("registration_no") WHERE "organisations"."registration_no" is not null;--> statement-breakpoint
CREATE INDEX "organisations_place_path_idx" ON "organisations" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "organisations_category_idx" ON "organisations" USING btree ("category_id");