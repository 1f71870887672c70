-- Every table a statistics figure reads marks the matters it touched as dirty, in the same
-- transaction, so the facts behind the dashboard are rebuilt before they are next read. Statement
-- triggers with transition tables: a bulk insert marks its matters once, not row by row.
-- TG_ARGV[0] is the expression giving a row's matter id.
CREATE FUNCTION "statistics_mark_dirty"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format(
    'INSERT INTO statistics_dirty (matter_id) SELECT DISTINCT m FROM (SELECT %s AS m FROM %I) r WHERE m IS NOT NULL ORDER BY m ON CONFLICT DO NOTHING',
    TG_ARGV[0], CASE TG_OP WHEN 'DELETE' THEN 'old_rows' ELSE 'new_rows' END);
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  t record;
BEGIN
  FOR t IN SELECT * FROM (VALUES
    ('matters', 'id'),
    ('matter_stage_entries', 'matter_id'),
    ('evaluations', 'matter_id'),
    ('meetings', 'matter_id'),
    ('invitations', 'matter_id'),
    ('sign_ins', '(SELECT mt.matter_id FROM meetings mt WHERE mt.id = meeting_id)'),
    ('tasks', 'matter_id'),
    ('follow_ups', 'matter_id')
  ) AS v(tbl, expr) LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION statistics_mark_dirty(%L)', t.tbl || '_statistics_ins', t.tbl, t.expr);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION statistics_mark_dirty(%L)', t.tbl || '_statistics_upd', t.tbl, t.expr);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION statistics_mark_dirty(%L)', t.tbl || '_statistics_del', t.tbl, t.expr);
  END LOOP;
END $$;
--> statement-breakpoint
-- Existing matters: all dirty, so the first read (or the refresh job) builds their facts.
INSERT INTO "statistics_dirty" ("matter_id") SELECT "id" FROM "matters" ON CONFLICT DO NOTHING;
