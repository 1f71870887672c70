CREATE TABLE "bulletins" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "bulletins_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"place_id" integer NOT NULL,
	"place_path" text NOT NULL,
	"month" text NOT NULL,
	"figures" jsonb NOT NULL,
	"generated_by" integer,
	"generated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matter_oversight" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "matter_oversight_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"matter_id" integer NOT NULL,
	"supervisor_account_id" integer NOT NULL,
	"assigned_by" integer NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matter_stage_entries" (
	"matter_id" integer NOT NULL,
	"status" text NOT NULL,
	"entered_at" timestamp with time zone NOT NULL,
	CONSTRAINT "matter_stage_entries_matter_id_status_pk" PRIMARY KEY("matter_id","status")
);
--> statement-breakpoint
CREATE TABLE "supervision_findings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "supervision_findings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"matter_id" integer NOT NULL,
	"supervisor_account_id" integer NOT NULL,
	"body" text NOT NULL,
	"due_on" date,
	"answer" text,
	"answered_by" integer,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_place_id_places_id_fk" FOREIGN KEY ("place_id") REFERENCES "public"."places"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulletins" ADD CONSTRAINT "bulletins_generated_by_accounts_id_fk" FOREIGN KEY ("generated_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_oversight" ADD CONSTRAINT "matter_oversight_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_oversight" ADD CONSTRAINT "matter_oversight_supervisor_account_id_accounts_id_fk" FOREIGN KEY ("supervisor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_oversight" ADD CONSTRAINT "matter_oversight_assigned_by_accounts_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_stage_entries" ADD CONSTRAINT "matter_stage_entries_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_findings" ADD CONSTRAINT "supervision_findings_matter_id_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_findings" ADD CONSTRAINT "supervision_findings_supervisor_account_id_accounts_id_fk" FOREIGN KEY ("supervisor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_findings" ADD CONSTRAINT "supervision_findings_answered_by_accounts_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bulletins_place_month_uq" ON "bulletins" USING btree ("place_id","month");--> statement-breakpoint
CREATE INDEX "bulletins_place_path_idx" ON "bulletins" USING btree ("place_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "matter_oversight_uq" ON "matter_oversight" USING btree ("matter_id","supervisor_account_id");--> statement-breakpoint
CREATE INDEX "matter_oversight_supervisor_idx" ON "matter_oversight" USING btree ("supervisor_account_id");--> statement-breakpoint
CREATE INDEX "matter_stage_entries_status_idx" ON "matter_stage_entries" USING btree ("status","entered_at");--> statement-breakpoint
CREATE INDEX "supervision_findings_matter_idx" ON "supervision_findings" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "supervision_findings_open_idx" ON "supervision_findings" USING btree ("supervisor_account_id","created_at") WHERE "supervision_findings"."answered_at" is null;--> statement-breakpoint
CREATE INDEX "matters_created_idx" ON "matters" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "matters_category_idx" ON "matters" USING btree ("category","created_at");