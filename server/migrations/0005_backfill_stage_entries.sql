-- When each existing matter entered each status, read once from its audit chain: 'raised' at its
-- 'raise' entry, every other status at the first entry that moved it there (payload.to). From now on
-- the command runner writes these rows with the transition.
INSERT INTO "matter_stage_entries" ("matter_id", "status", "entered_at")
SELECT "matter_id", 'raised', min("at") FROM "matter_events" WHERE "action" = 'raise' GROUP BY "matter_id"
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "matter_stage_entries" ("matter_id", "status", "entered_at")
SELECT "matter_id", "payload"->>'to', min("at") FROM "matter_events"
WHERE "payload" ? 'to' AND jsonb_typeof("payload"->'to') = 'string'
GROUP BY "matter_id", "payload"->>'to'
ON CONFLICT DO NOTHING;
