CREATE TABLE "place_counts" (
	"place_id" integer PRIMARY KEY NOT NULL,
	"dwellings" integer DEFAULT 0 NOT NULL,
	"households" integer DEFAULT 0 NOT NULL,
	"residents" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Per-place counts of dwellings, households and residents, kept exact in the writing transaction by
-- statement triggers with transition tables: a roster import of 100,000 rows adds its counts once per
-- place touched, not row by row. An update counts only the rows whose place changed (old rows out,
-- new rows in); a place moved under another parent changes paths, not place ids, so no counts.
-- Places are upserted in id order, so concurrent writers take the counter rows' locks in one order.
-- TG_ARGV[0] is the counter column.
CREATE FUNCTION "place_counts_apply"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  delta text := CASE TG_OP
    WHEN 'INSERT' THEN 'SELECT place_id, 1 AS n FROM new_rows'
    WHEN 'DELETE' THEN 'SELECT place_id, -1 AS n FROM old_rows'
    ELSE 'SELECT place_id, -1 AS n FROM old_rows UNION ALL SELECT place_id, 1 FROM new_rows' END;
BEGIN
  EXECUTE format(
    'INSERT INTO place_counts AS c (place_id, %1$I)
       SELECT place_id, sum(n) FROM (%2$s) d GROUP BY place_id HAVING sum(n) <> 0 ORDER BY place_id
     ON CONFLICT (place_id) DO UPDATE SET %1$I = c.%1$I + excluded.%1$I',
    TG_ARGV[0], delta);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION "place_counts_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('UPDATE place_counts SET %1$I = 0 WHERE %1$I <> 0', TG_ARGV[0]);
  RETURN NULL;
END $$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['dwellings', 'households', 'residents'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION place_counts_apply(%L)', t || '_place_counts_ins', t, t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION place_counts_apply(%L)', t || '_place_counts_upd', t, t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION place_counts_apply(%L)', t || '_place_counts_del', t, t);
    EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION place_counts_clear(%L)', t || '_place_counts_trunc', t, t);
  END LOOP;
END $$;
--> statement-breakpoint
-- The rows already there: one pass over each table.
INSERT INTO "place_counts" ("place_id", "dwellings", "households", "residents")
SELECT p.id, coalesce(d.n, 0), coalesce(h.n, 0), coalesce(r.n, 0)
FROM places p
LEFT JOIN (SELECT place_id, count(*)::int AS n FROM dwellings GROUP BY place_id) d ON d.place_id = p.id
LEFT JOIN (SELECT place_id, count(*)::int AS n FROM households GROUP BY place_id) h ON h.place_id = p.id
LEFT JOIN (SELECT place_id, count(*)::int AS n FROM residents GROUP BY place_id) r ON r.place_id = p.id;
