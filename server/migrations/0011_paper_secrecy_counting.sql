ALTER TABLE "ballot_paper_entries" ALTER COLUMN "choice" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "ballot_paper_entries" ADD COLUMN "choice_digest" text;--> statement-breakpoint
ALTER TABLE "ballot_papers" ADD COLUMN "mismatch" text;--> statement-breakpoint
ALTER TABLE "ballot_papers" ADD COLUMN "choice_salt" text;--> statement-breakpoint
ALTER TABLE "ballots" ADD COLUMN "uses_papers" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ballots" ADD COLUMN "notice_override" jsonb;--> statement-breakpoint
-- hand-written:
-- Secret ballots' unsettled paper entries on open ballots: a fresh random salt per paper, each
-- entry's choice replaced by its digest (the same text as ballots.papers.seal.ts), the plaintext dropped.
UPDATE "ballot_papers" p
SET "choice_salt" = encode(sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')), 'hex')
FROM "ballots" b
WHERE b."id" = p."ballot_id" AND b."secrecy" = 'secret' AND b."status" = 'open' AND p."status" IN ('pending', 'mismatch');
--> statement-breakpoint
UPDATE "ballot_paper_entries" e
SET "choice_digest" = encode(sha256(convert_to(
      p."choice_salt" || '|' || p."ballot_id" || '|' || p."paper_no" || '|' || e."elector_id" || '|' ||
      CASE e."choice"->>'kind'
        WHEN 'yes_no' THEN 'yes_no:' || (e."choice"->>'choice')
        WHEN 'approval' THEN 'approval:' || coalesce((
          SELECT string_agg(v, ',' ORDER BY v::int) FROM jsonb_array_elements_text(e."choice"->'optionIds') AS v), '')
        ELSE 'ranked:' || coalesce((
          SELECT string_agg(v, ',' ORDER BY o) FROM jsonb_array_elements_text(e."choice"->'optionIds') WITH ORDINALITY AS r(v, o)), '')
      END, 'UTF8')), 'hex'),
    "choice" = NULL
FROM "ballot_papers" p
WHERE p."id" = e."paper_id" AND p."choice_salt" IS NOT NULL AND e."choice" ? 'kind';
--> statement-breakpoint
-- Every other secret-ballot entry (settled papers' {"sealed": true}, unsettled papers of closed ballots) keeps nothing.
UPDATE "ballot_paper_entries" e
SET "choice" = NULL
FROM "ballot_papers" p JOIN "ballots" b ON b."id" = p."ballot_id"
WHERE p."id" = e."paper_id" AND b."secrecy" = 'secret' AND e."choice" IS NOT NULL;
--> statement-breakpoint
UPDATE "ballot_papers" p
SET "mismatch" = CASE WHEN EXISTS (
    SELECT 1 FROM "ballot_log" l
    WHERE l."ballot_id" = p."ballot_id" AND l."action" = 'paper.mismatch'
      AND l."payload"->>'paperId' = p."id"::text AND l."payload"->>'reason' = 'already_voted'
  ) THEN 'already_voted' ELSE 'differs' END
WHERE p."status" = 'mismatch';
