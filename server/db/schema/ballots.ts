import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  ballotLifecycle,
  ballotSecrecies,
  electorateKinds,
  paperLifecycle,
  paperMismatches,
  proxyLifecycle,
  voteChannels,
} from '../../../domain/voting';
import { accounts } from './accounts';
import { councils } from './councils';
import { matters } from './matters';
import { places } from './places';
import { isState, statusCheck, statusColumn } from '../lifecycle-sql';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * 票决: one question with an electorate and a decision rule (domain/voting/rules.ts, stored as key +
 * version + threshold so a later rule version never changes a ballot already held). Attached to a
 * matter (step 5) or standalone for a council.
 */
export const ballots = pgTable(
  'ballots',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    matterId: integer('matter_id').references(() => matters.id),
    councilId: integer('council_id').references(() => councils.id),
    /** The place the ballot belongs to (the matter's or the council's): access is by its subtree. */
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
    placePath: text('place_path').notNull(),
    /** Whose dwellings or residents form the electorate (owners, adults, households). */
    scopePlaceId: integer('scope_place_id').references(() => places.id),
    question: text('question').notNull(),
    description: text('description').notNull().default(''),
    ruleKey: text('rule_key').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    /** A supermajority's own threshold `{ num, den, inclusive }`. */
    ruleThreshold: jsonb('rule_threshold').$type<{ num: number; den: number; inclusive: boolean }>(),
    electorateKind: text('electorate_kind', { enum: electorateKinds }).notNull(),
    secrecy: text('secrecy', { enum: ballotSecrecies }).notNull(),
    allowsChange: boolean('allows_change').notNull().default(false),
    /** Most principals one proxy may vote for. */
    proxyCap: integer('proxy_cap').notNull().default(3),
    /** Dwellings whose owners must each agree (an elevator shaft taking their part). */
    requiredDwellingIds: integer('required_dwelling_ids')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    status: statusColumn(ballotLifecycle),
    /**
     * Paper ballots are in use (set at setup, or by the first paper entered): at the closing time the
     * ballot moves to counting (计票中) instead of closing, and staff close the count.
     */
    usesPapers: boolean('uses_papers').notNull().default(false),
    /** Opened before the rule's notice days had passed: `{ reason, opensOn }` as staff recorded it. */
    noticeOverride: jsonb('notice_override').$type<{ reason: string; opensOn: string | null }>(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    closedBy: integer('closed_by').references(() => accounts.id),
    /** The tally stored at close (exact fractions as strings), and its SHA-256 for the audit chain. */
    result: jsonb('result'),
    resultDigest: text('result_digest'),
    createdBy: integer('created_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('ballots_matter_idx').on(t.matterId),
    index('ballots_place_path_idx').using('btree', t.placePath.op('text_pattern_ops')),
    index('ballots_open_closes_idx').on(t.status, t.closesAt),
    statusCheck('ballots_status', t.status, ballotLifecycle.states),
    check('ballots_owner', sql`${t.matterId} is not null or ${t.councilId} is not null`),
    check('ballots_proxy_cap', sql`${t.proxyCap} between 1 and 20`),
  ],
);

/** Options of an approval or ranked-choice ballot (yes/no ballots have the fixed 同意/反对/弃权). */
export const ballotOptions = pgTable(
  'ballot_options',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ballotId: integer('ballot_id')
      .notNull()
      .references(() => ballots.id),
    position: integer('position').notNull(),
    label: text('label').notNull(),
  },
  (t) => [uniqueIndex('ballot_options_position_uq').on(t.ballotId, t.position)],
);

/**
 * The electorate, fixed when the ballot opens: one row per elector (an owner group with the summed
 * area of its dwellings, an adult, a household, a council member) and the residents who may cast it.
 */
export const ballotElectors = pgTable(
  'ballot_electors',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ballotId: integer('ballot_id')
      .notNull()
      .references(() => ballots.id),
    key: text('key').notNull(),
    /** For staff: e.g. "5幢2单元0301 张三、李四"; never shown to other voters. */
    label: text('label').notNull(),
    residentIds: integer('resident_ids').array().notNull(),
    dwellingIds: integer('dwelling_ids')
      .array()
      .notNull()
      .default(sql`'{}'::integer[]`),
    householdId: integer('household_id'),
    /** Exclusive area in hundredths of m² (0 where area does not apply). */
    areaCenti: bigint('area_centi', { mode: 'bigint' })
      .notNull()
      .default(sql`0`),
  },
  (t) => [
    uniqueIndex('ballot_electors_key_uq').on(t.ballotId, t.key),
    index('ballot_electors_residents_idx').using('gin', t.residentIds),
  ],
);

/**
 * Who took part: one counted row per elector, whatever the channel (the unique index is the "one
 * voter, one counted choice" rule). Named ballots keep the choice here; secret ballots keep it only
 * in ballot_secret_choices, with no link back. Read only after close.
 */
export const ballotVotes = pgTable(
  'ballot_votes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ballotId: integer('ballot_id')
      .notNull()
      .references(() => ballots.id),
    electorId: integer('elector_id')
      .notNull()
      .references(() => ballotElectors.id),
    channel: text('channel', { enum: voteChannels }).notNull(),
    /** The voter, the proxy or the staff member who entered it. */
    castBy: integer('cast_by')
      .notNull()
      .references(() => accounts.id),
    proxyId: integer('proxy_id'),
    paperNo: text('paper_no'),
    /** SHA-256 of the receipt code the voter was given. */
    receiptHash: text('receipt_hash').notNull(),
    /** Named ballots only: `{ kind: 'yes_no', choice }`, `{ kind: 'approval', optionIds }`, `{ kind: 'ranked', optionIds }`. */
    choice: jsonb('choice'),
    castAt: timestamp('cast_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ballot_votes_elector_uq').on(t.ballotId, t.electorId),
    uniqueIndex('ballot_votes_receipt_uq').on(t.receiptHash),
  ],
);

/**
 * Secret ballots' choices: a random id, no elector, no time, found again only through the hash of
 * the voter's receipt code (to change one's own vote). Nothing links a row to a person.
 */
export const ballotSecretChoices = pgTable(
  'ballot_secret_choices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ballotId: integer('ballot_id')
      .notNull()
      .references(() => ballots.id),
    receiptHash: text('receipt_hash').notNull(),
    choice: jsonb('choice').notNull(),
  },
  (t) => [uniqueIndex('ballot_secret_choices_receipt_uq').on(t.receiptHash), index().on(t.ballotId)],
);

/** 委托代投: one active proxy per principal, with the stored authorisation letter (委托书). */
export const ballotProxies = pgTable(
  'ballot_proxies',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ballotId: integer('ballot_id')
      .notNull()
      .references(() => ballots.id),
    principalElectorId: integer('principal_elector_id')
      .notNull()
      .references(() => ballotElectors.id),
    proxyAccountId: integer('proxy_account_id')
      .notNull()
      .references(() => accounts.id),
    /** The scanned letter in storage (sha256 of its bytes) and its type. */
    letterSha256: text('letter_sha256').notNull(),
    letterType: text('letter_type').notNull(),
    status: statusColumn(proxyLifecycle),
    registeredBy: integer('registered_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('ballot_proxies_active_uq')
      .on(t.ballotId, t.principalElectorId)
      .where(isState(t.status, proxyLifecycle.state.active)),
    statusCheck('ballot_proxies_status', t.status, proxyLifecycle.states),
    index('ballot_proxies_proxy_idx').on(t.ballotId, t.proxyAccountId),
  ],
);

/**
 * Paper ballots, each entered twice by two different staff; the pair must agree (or a third person
 * reconciles a mismatch) before the paper counts. On a secret ballot no entry keeps its choice: only
 * a salted digest the next entry is compared with (papers/papers.seal.ts).
 */
export const ballotPapers = pgTable(
  'ballot_papers',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ballotId: integer('ballot_id')
      .notNull()
      .references(() => ballots.id),
    paperNo: text('paper_no').notNull(),
    status: statusColumn(paperLifecycle),
    /** Why a paper waits for reconciliation: the entries differ, or its elector had already voted. */
    mismatch: text('mismatch', { enum: paperMismatches }),
    /**
     * Secret ballots: the random salt of this paper's choice digests (hex). Erased, with the digests,
     * once the paper is counted or void and at the final close.
     */
    choiceSalt: text('choice_salt'),
    reconciledBy: integer('reconciled_by').references(() => accounts.id),
    reconcileNote: text('reconcile_note'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('ballot_papers_no_uq').on(t.ballotId, t.paperNo),
    statusCheck('ballot_papers_status', t.status, paperLifecycle.states),
  ],
);

export const ballotPaperEntries = pgTable(
  'ballot_paper_entries',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    paperId: integer('paper_id')
      .notNull()
      .references(() => ballotPapers.id),
    electorId: integer('elector_id')
      .notNull()
      .references(() => ballotElectors.id),
    /** Named ballots only; null on a secret ballot, whose entry keeps only `choiceDigest`. */
    choice: jsonb('choice'),
    /** Secret ballots, until the paper settles: SHA-256 of the paper's salt, elector and canonical choice. */
    choiceDigest: text('choice_digest'),
    enteredBy: integer('entered_by')
      .notNull()
      .references(() => accounts.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('ballot_paper_entries_staff_uq').on(t.paperId, t.enteredBy)],
);

/**
 * The ballot's own log: opening, extensions with their reason, proxies, changes of vote, closing.
 * Votes are not chained one by one (that would serialise every vote on one lock); the matter's
 * audit chain records open, extend and close with the result digest.
 */
export const ballotLog = pgTable(
  'ballot_log',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    ballotId: integer('ballot_id')
      .notNull()
      .references(() => ballots.id),
    accountId: integer('account_id').references(() => accounts.id),
    action: text('action').notNull(),
    payload: jsonb('payload').notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('ballot_log_ballot_idx').on(t.ballotId, t.at)],
);
