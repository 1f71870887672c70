import type { Actor } from '../../../../domain/access';
import { COMMUNITY_DEPTH, ancestorPathAt, isWithin } from '../../../../domain/territory/places';
import { builtInRules, isValidThreshold, ruleInForce, ruleKeys, type DecisionRule } from '../../../../domain/voting';
import { todayInChina } from '../../../calendar';
import type { Db, DbOrTx } from '../../../db/client';
import { AppError, invalid } from '../../../errors';
import { authorize } from '../../../plugins/authorize';
import { councilAccess, councilSubject } from '../../councils';
import { loadVisibleMatter, runMatterCommand } from '../../matters';
import { findPlace } from '../../places';
import type { BallotRow } from '../casting/cast';
import { conditionsText, presentSummary } from '../ballots.presenter';
import { ballotOptionsOf, logBallot, placeName } from '../ballots.repository';
import {
  ballotsOfMatter,
  dwellingIdsWithin,
  findCouncil,
  insertBallotOptions,
  insertBallotRow,
} from './setup.repository';
import type { CreateCouncilBallotBody, CreateMatterBallotBody } from '../../../../contracts/ballots';
import { matterLifecycle } from '../../../../domain/matters/stages';
import { clockNow } from '../../../clock';

type CommonBody = CreateCouncilBallotBody | CreateMatterBallotBody;

/** The rule version in force today, the electorate it allows, options and threshold: 400 with the field. */
function checkRule(body: CommonBody, kind: BallotRow['electorateKind']): DecisionRule {
  const rule = ruleInForce(body.ruleKey, todayInChina());
  if (!rule) throw invalid('ruleKey');
  if (!rule.electorates.includes(kind)) throw invalid('electorateKind', 'ballot.electorate_rule');
  if (body.threshold && (body.ruleKey !== 'supermajority' || !isValidThreshold(body.threshold))) {
    throw invalid('threshold');
  }
  const needsOptions = rule.method === 'approval' || rule.method === 'ranked';
  const options = body.options ?? [];
  if (needsOptions && (options.length < 2 || new Set(options).size !== options.length)) {
    throw invalid('options', 'ballot.options_required');
  }
  if (!needsOptions && options.length > 0) throw invalid('options');
  if (new Date(body.closesAt).getTime() <= clockNow().getTime()) throw invalid('closesAt', 'ballot.closes_in_past');
  return rule;
}

async function insertBallot(
  tx: DbOrTx,
  values: Parameters<typeof insertBallotRow>[1],
  body: CommonBody,
): Promise<BallotRow> {
  const ballot = await insertBallotRow(tx, values);
  const options = body.options ?? [];
  if (options.length) await insertBallotOptions(tx, ballot.id, options);
  await logBallot(tx, {
    ballotId: ballot.id,
    accountId: values.createdBy,
    action: 'ballot.create',
    payload: { ruleKey: ballot.ruleKey, ruleVersion: ballot.ruleVersion, electorateKind: ballot.electorateKind },
  });
  return ballot;
}

const commonValues = (body: CommonBody, rule: DecisionRule, createdBy: number) => ({
  question: body.question,
  description: body.description ?? '',
  ruleKey: body.ruleKey,
  ruleVersion: rule.version,
  ruleThreshold: body.ruleKey === 'supermajority' ? (body.threshold ?? null) : null,
  secrecy: body.secrecy,
  allowsChange: body.allowsChange,
  proxyCap: body.proxyCap ?? 3,
  usesPapers: body.usesPapers ?? false,
  closesAt: new Date(body.closesAt),
  createdBy,
});

/** A council within the community, or 400 on `field`. */
async function councilIn(tx: DbOrTx, councilId: number | undefined, communityPath: string) {
  if (councilId === undefined) throw invalid('councilId', 'ballot.council_required');
  const council = await findCouncil(tx, councilId);
  if (!council || !isWithin(council.placePath, communityPath)) throw invalid('councilId', 'ballot.scope_outside');
  return council;
}

/** 发起票决 on a matter while it is deliberating: a draft, opened later. */
export async function createMatterBallot(db: Db, actor: Actor, matterId: number, body: CreateMatterBallotBody) {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    audit: 'ballot.create',
    write: async (tx, matter) => {
      if (!matterLifecycle.is.deliberating(matter.status))
        throw new AppError(409, 'matter.wrong_stage', { details: { status: matter.status } });
      const rule = checkRule(body, body.electorateKind);
      const community = ancestorPathAt(matter.placePath, COMMUNITY_DEPTH) ?? matter.placePath;
      const byCouncil = body.electorateKind === 'council' || body.electorateKind === 'representatives';
      let scope: { id: number; path: string } | null = null;
      let councilId: number | null = null;
      if (byCouncil) {
        councilId = (await councilIn(tx, body.councilId, community)).id;
      } else {
        const place = await findPlace(tx, body.scopePlaceId ?? matter.placeId);
        if (!place || !isWithin(place.path, community)) throw invalid('scopePlaceId', 'ballot.scope_outside');
        scope = place;
      }
      const required = [...new Set(body.requiredDwellingIds ?? [])];
      if (required.length) {
        // Required consents name owners: only an owners' ballot that is not secret can check them.
        if (body.electorateKind !== 'owners' || body.secrecy === 'secret' || !scope) {
          throw invalid('requiredDwellingIds', 'ballot.required_outside');
        }
        const found = await dwellingIdsWithin(tx, required, scope.path);
        if (found.length !== required.length) throw invalid('requiredDwellingIds', 'ballot.required_outside');
      }
      const ballot = await insertBallot(
        tx,
        {
          ...commonValues(body, rule, actor.accountId),
          matterId,
          councilId,
          placeId: matter.placeId,
          placePath: matter.placePath,
          scopePlaceId: scope?.id ?? null,
          electorateKind: body.electorateKind,
          requiredDwellingIds: required,
        },
        body,
      );
      const summary = presentSummary(
        ballot,
        await ballotOptionsOf(tx, ballot.id),
        await placeName(tx, ballot.scopePlaceId),
      );
      return {
        payload: {
          ballotId: ballot.id,
          question: ballot.question,
          ruleKey: ballot.ruleKey,
          ruleVersion: ballot.ruleVersion,
        },
        result: summary,
        texts: [
          { kind: 'ballot', id: ballot.id, field: 'question', text: ballot.question },
          { kind: 'ballot', id: ballot.id, field: 'description', text: ballot.description },
        ],
      };
    },
  });
}

/** A council's own ballot (its members or representatives), managed by managers over its place. */
export async function createCouncilBallot(db: Db, actor: Actor, councilId: number, body: CreateCouncilBallotBody) {
  return db.transaction(async (tx) => {
    const council = await findCouncil(tx, councilId);
    const subject = council && councilSubject(council.placePath);
    authorize(actor, 'council.manage', subject, councilAccess);
    const { placeId, placePath } = council!;
    const rule = checkRule(body, body.electorateKind);
    const ballot = await insertBallot(
      tx,
      {
        ...commonValues(body, rule, actor.accountId),
        councilId,
        placeId,
        placePath,
        electorateKind: body.electorateKind,
      },
      body,
    );
    return presentSummary(ballot, await ballotOptionsOf(tx, ballot.id), null);
  });
}

/** A matter's ballots, newest first (anyone who may see the matter). */
export async function listMatterBallots(db: Db, actor: Actor, matterId: number) {
  await loadVisibleMatter(db, actor, matterId);
  const rows = await ballotsOfMatter(db, matterId);
  const items = [];
  for (const row of rows) {
    items.push(presentSummary(row, await ballotOptionsOf(db, row.id), await placeName(db, row.scopePlaceId)));
  }
  return { items };
}

/** The rule versions in force today, as the setup form offers them. */
export function listRules() {
  const today = todayInChina();
  const items = ruleKeys
    .map((key) => ruleInForce(key, today))
    .filter((r): r is DecisionRule => r !== undefined && builtInRules.includes(r))
    .map((r) => ({
      key: r.key,
      version: r.version,
      name: r.name,
      citation: r.citation,
      effectiveFrom: r.effectiveFrom,
      isStatutory: r.isStatutory,
      method: r.method,
      electorates: [...r.electorates],
      measures: [...r.measures],
      quorum: conditionsText(r.quorum),
      decision: conditionsText(r.decision),
      noticeDays: r.noticeDays ?? null,
    }));
  return { items };
}
