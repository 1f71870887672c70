ALTER TABLE "matter_formats" ADD COLUMN "governances" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "matters" ADD COLUMN "governances" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "statistics_facts" ADD COLUMN "governances" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "statistics_monthly" ADD COLUMN "governances" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "statistics_monthly" DROP CONSTRAINT "statistics_monthly_figure_month_sub_place_path_category_level_pk";--> statement-breakpoint
ALTER TABLE "statistics_monthly" ADD CONSTRAINT "statistics_monthly_figure_month_sub_place_path_category_level_governances_pk" PRIMARY KEY("figure","month","sub","place_path","category","level","governances");--> statement-breakpoint
ALTER TABLE "matter_formats" ADD CONSTRAINT "matter_formats_governances" CHECK ("matter_formats"."governances" <@ array['autonomy', 'law', 'virtue', 'smart']::text[]);--> statement-breakpoint
ALTER TABLE "matters" ADD CONSTRAINT "matters_governances" CHECK ("matters"."governances" <@ array['autonomy', 'law', 'virtue', 'smart']::text[]);--> statement-breakpoint
-- Hand-written (governances branch): re-append after renumbering. drizzle-kit put the primary key
-- change above the column it names; the two statements were moved below the ADD COLUMNs by hand.
-- The built-in formats communities already hold get the templates' default governances (四治).
UPDATE "matter_formats" SET "governances" = v.g::text[] FROM (VALUES
  ('邀约协商', '{autonomy,law}'),
  ('麻花议事', '{autonomy,law,virtue,smart}'),
  ('桂花树下', '{autonomy,virtue}'),
  ('邻里汇', '{autonomy,virtue}'),
  ('专题议事会', '{autonomy,smart}'),
  ('听证会', '{autonomy,law}')
) AS v(name, g) WHERE "matter_formats"."is_built_in" AND "matter_formats"."name" = v.name;
