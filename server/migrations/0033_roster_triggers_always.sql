-- A city's roster import may write residents and ownerships with `session_replication_role = replica`,
-- which turns off the per-row foreign-key checks (the import locks each chunk's parents itself;
-- server/modules/roster/roster-parents.repository.ts). That setting also silences ordinary triggers, so
-- ours on those tables fire always: the place counts stay exact whichever way a roster is written.
-- A test (roster-parents.test.ts) fails when a trigger on these tables is not set this way.
ALTER TABLE "residents" ENABLE ALWAYS TRIGGER "residents_place_counts_ins";--> statement-breakpoint
ALTER TABLE "residents" ENABLE ALWAYS TRIGGER "residents_place_counts_upd";--> statement-breakpoint
ALTER TABLE "residents" ENABLE ALWAYS TRIGGER "residents_place_counts_del";--> statement-breakpoint
ALTER TABLE "residents" ENABLE ALWAYS TRIGGER "residents_place_counts_trunc";
