CREATE TABLE "statistics_dirty" (
	"matter_id" integer PRIMARY KEY NOT NULL,
	"marked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_facts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "statistics_facts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"figure" text NOT NULL,
	"matter_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"sub" text DEFAULT '' NOT NULL,
	"rows" integer NOT NULL,
	"num" double precision NOT NULL,
	"den" double precision NOT NULL,
	"place_path" text NOT NULL,
	"category" text NOT NULL,
	"level" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_monthly" (
	"figure" text NOT NULL,
	"sub" text NOT NULL,
	"month" date NOT NULL,
	"place_path" text NOT NULL,
	"category" text NOT NULL,
	"level" text NOT NULL,
	"rows" integer NOT NULL,
	"num" double precision NOT NULL,
	"den" double precision NOT NULL,
	CONSTRAINT "statistics_monthly_figure_month_sub_place_path_category_level_pk" PRIMARY KEY("figure","month","sub","place_path","category","level")
);
--> statement-breakpoint
CREATE INDEX "statistics_facts_matter_idx" ON "statistics_facts" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "statistics_facts_figure_at_idx" ON "statistics_facts" USING btree ("figure","at");--> statement-breakpoint
CREATE INDEX "statistics_monthly_empty_idx" ON "statistics_monthly" USING btree ("figure") WHERE "statistics_monthly"."rows" = 0;