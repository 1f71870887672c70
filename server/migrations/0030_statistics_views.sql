CREATE TABLE "statistics_version" (
	"id" integer PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statistics_views" (
	"key" text PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL,
	"rows" jsonb NOT NULL
);
--> statement-breakpoint
-- hand-written: the one row, counting from 0.
INSERT INTO "statistics_version" ("id", "version") VALUES (1, 0);
