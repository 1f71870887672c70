import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../../calendar';
import {
  ballotElectors,
  ballotLog,
  ballots,
  councilMembers,
  councils,
  dwellings,
  poolMembers,
  residents,
} from '../../../db/schema';
import {
  afterDeliberationWorld,
  expectError,
  type AfterDeliberationWorld,
} from '../../../test/after-deliberation.fixtures';
import { buildOwners, residentClient } from '../../../test/ballot-factories';
import { buildPlace, buildResident } from '../../../test/factories';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const setup = (over: Record<string, unknown> = {}) => ({
  question: '是否同意5幢2单元加装电梯？',
  ruleKey: 'civil_code_278_major',
  electorateKind: 'owners',
  secrecy: 'named',
  allowsChange: false,
  closesAt: inDays(7),
  ...over,
});
/** The day `years` years before today in China, shifted by `days`. */
const birthday = (years: number, days = 0) => {
  const [y, m, d] = todayInChina().split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y - years, m - 1, d + days));
  return date.toISOString().slice(0, 10);
};

describe('ballot setup routes', () => {
  let w: AfterDeliberationWorld;
  beforeAll(async () => {
    w = await afterDeliberationWorld();
    // 5幢2单元: 赵 owns two flats (one elector, areas summed), 钱 and 孙 one each, one unsold flat.
    await buildOwners(w.db, w.territory.unit2.id, [
      { name: '赵先生', phone: '13811110001', areas: [8950, 10025] },
      { name: '钱女士', phone: '13811110002', areas: [12000] },
      { name: '孙阿姨', phone: '13811110003', areas: [9000] },
    ]);
    const [unsold] = await buildOwners(w.db, w.territory.unit2.id, [
      { name: '开发商代表', phone: '13811110009', areas: [15000] },
    ]);
    await w.db.update(dwellings).set({ isDeveloperHeld: true }).where(eq(dwellings.id, unsold!.dwellings[0]!.id));
  });
  afterAll(async () => w.t.close());

  const createIn = async (over: Record<string, unknown> = {}) => {
    const m = await w.matterAt('deliberating');
    const created = await w.clients.convenor.post(`/api/matters/${m.id}/ballots`, {
      scopePlaceId: w.territory.unit2.id,
      ...setup(over),
    });
    expect(created.statusCode, created.body).toBe(201);
    return { matter: m, ballot: created.json() as { id: number; status: string } };
  };

  it('lists the rules in force with their citations', async () => {
    expect((await w.clients.anonymous.get('/api/ballot-rules')).statusCode).toBe(401);
    const { items } = (await w.clients.resident.get('/api/ballot-rules')).json();
    const major = items.find((r: { key: string }) => r.key === 'civil_code_278_major');
    expect(major).toMatchObject({ isStatutory: true, electorates: ['owners'], measures: ['heads', 'area'] });
    expect(major.citation).toContain('第二百七十八条');
    expect(major.decision).toContain('≥ 3/4');
  });

  it('creates a draft on a deliberating matter, listed with the matter and logged on its chain', async () => {
    const { matter, ballot } = await createIn();
    expect(ballot).toMatchObject({
      status: 'draft',
      ruleVersion: 1,
      scope: { id: w.territory.unit2.id, name: '5幢2单元' },
    });
    const list = (await w.clients.resident.get(`/api/matters/${matter.id}/ballots`)).json();
    expect(list.items.map((b: { id: number }) => b.id)).toEqual([ballot.id]);
    await w.expectLastAction(matter.id, 'ballot.create');
  });

  it('refuses the anonymous, residents, another community and the wrong step', async () => {
    const m = await w.matterAt('deliberating');
    const url = `/api/matters/${m.id}/ballots`;
    expectError(await w.clients.anonymous.post(url, setup()), 401, { code: 'auth.required' });
    expectError(await w.clients.resident.post(url, setup()), 403, { code: 'access.denied' });
    expectError(await w.clients.grid.post(url, setup()), 403, { code: 'access.denied' });
    expectError(await w.clients.other.post(url, setup()), 404, { code: 'not_found' });
    const announced = await w.matterAt('announced');
    expectError(await w.clients.convenor.post(`/api/matters/${announced.id}/ballots`, setup()), 409, {
      code: 'matter.wrong_stage',
    });
  });

  it('rejects bad bodies with the field at fault, writing nothing', async () => {
    const m = await w.matterAt('deliberating');
    const url = `/api/matters/${m.id}/ballots`;
    const cases: [object, object][] = [
      [setup({ question: '' }), { field: 'question' }],
      [setup({ ruleKey: 'mob_rule' }), { field: 'ruleKey' }],
      [setup({ electorateKind: 'adult_residents' }), { code: 'ballot.electorate_rule', field: 'electorateKind' }],
      [setup({ scopePlaceId: w.territory.otherCommunity.id }), { code: 'ballot.scope_outside', field: 'scopePlaceId' }],
      [setup({ ruleKey: 'approval', options: ['甲方案'] }), { code: 'ballot.options_required', field: 'options' }],
      [setup({ closesAt: inDays(-1) }), { code: 'ballot.closes_in_past', field: 'closesAt' }],
      [setup({ closesAt: 'tomorrow' }), { field: 'closesAt' }],
      [setup({ proxyCap: 21 }), { field: 'proxyCap' }],
      [
        setup({ electorateKind: 'council', ruleKey: 'simple_majority' }),
        { code: 'ballot.council_required', field: 'councilId' },
      ],
      [setup({ requiredDwellingIds: [2_000_000] }), { code: 'ballot.required_outside', field: 'requiredDwellingIds' }],
    ];
    for (const [body, error] of cases) expectError(await w.clients.convenor.post(url, body), 400, error);
    expect(await w.db.select().from(ballots).where(eq(ballots.matterId, m.id))).toEqual([]);
  });

  it('opens with the owners of the scope: one person with two flats once with summed area, the developer once', async () => {
    const { matter, ballot } = await createIn();
    const opened = await w.clients.convenor.post(`/api/ballots/${ballot.id}/open`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({
      ballot: { status: 'open' },
      electorate: { heads: 4, area: '549.75' },
      turnout: { heads: { voted: 0, total: 4 }, area: { voted: '0.00', total: '549.75' } },
      result: null,
    });
    const electors = await w.db.select().from(ballotElectors).where(eq(ballotElectors.ballotId, ballot.id));
    const zhao = electors.find((e) => e.label.includes('赵先生'))!;
    expect(zhao.areaCenti).toBe(18_975n);
    expect(zhao.dwellingIds).toHaveLength(2);
    expect(zhao.label).toMatch(/^5幢2单元\d+、5幢2单元\d+ 赵先生$/);
    expect(electors.find((e) => e.label.includes('开发建设单位'))).toMatchObject({
      residentIds: [],
      areaCenti: 15_000n,
    });
    await w.expectLastAction(matter.id, 'ballot.open');
    // A closed or open ballot never opens (again).
    expectError(await w.clients.convenor.post(`/api/ballots/${ballot.id}/open`), 409, { code: 'ballot.not_draft' });
  });

  it('shows the ballot to those who may see the matter: counts only, their own part, abilities', async () => {
    const { ballot } = await createIn();
    await w.clients.convenor.post(`/api/ballots/${ballot.id}/open`);
    const [qian] = await w.db.select().from(residents).where(eq(residents.name, '钱女士'));
    const voter = await residentClient(w.t, qian!.id);
    expect((await voter.post(`/api/ballots/${ballot.id}/votes`, { choice: 'against' })).statusCode).toBe(201);
    const seen = (await voter.get(`/api/ballots/${ballot.id}`)).json();
    expect(seen).toMatchObject({
      rule: { isStatutory: true, citation: expect.stringContaining('第二百七十八条') },
      turnout: { heads: { voted: 1, total: 4 }, area: { voted: '120.00', total: '549.75' } },
      me: { canVote: false, hasVoted: true, channel: 'online', proxyFor: [] },
      abilities: { 'ballot.manage': false, 'ballot.enterPaper': false },
      result: null,
    });
    expect(seen.me.electorIds).toHaveLength(1);
    // Nobody learns a choice before close.
    expect(JSON.stringify((await w.clients.convenor.get(`/api/ballots/${ballot.id}`)).json())).not.toContain('against');
    expect((await w.clients.neighbour.get(`/api/ballots/${ballot.id}`)).json()).toMatchObject({
      me: { electorIds: [], canVote: false, hasVoted: false },
    });
    expect((await w.clients.grid.get(`/api/ballots/${ballot.id}`)).json().abilities).toEqual({
      'ballot.manage': false,
      'ballot.enterPaper': true,
    });
    expect((await w.clients.convenor.get(`/api/ballots/${ballot.id}`)).json().abilities).toEqual({
      'ballot.manage': true,
      'ballot.enterPaper': true,
    });
    expectError(await w.clients.anonymous.get(`/api/ballots/${ballot.id}`), 401, { code: 'auth.required' });
    expectError(await w.clients.other.get(`/api/ballots/${ballot.id}`), 404, { code: 'not_found' });
    expectError(await w.clients.other.get('/api/ballots/2000000'), 404, { code: 'not_found' });
  });

  it('refuses every ballot route to the anonymous (401) and another community (404)', async () => {
    const { matter, ballot } = await createIn();
    await w.clients.convenor.post(`/api/ballots/${ballot.id}/open`);
    const b = `/api/ballots/${ballot.id}`;
    const routes: [string, string, object?][] = [
      ['GET', `/api/matters/${matter.id}/ballots`],
      ['POST', `/api/matters/${matter.id}/ballots`, setup()],
      ['GET', b],
      ['POST', `${b}/open`],
      ['GET', `${b}/electors`],
      ['POST', `${b}/extend`, { closesAt: inDays(30), reason: '延长' }],
      ['POST', `${b}/close`],
      ['POST', `${b}/votes`, { choice: 'for' }],
    ];
    for (const [method, url, payload] of routes) {
      const request = { method: method as 'GET' | 'POST', url, payload: payload as Record<string, unknown> };
      expectError(await w.clients.anonymous.request(request), 401, { code: 'auth.required' });
      expectError(await w.clients.other.request(request), 404, { code: 'not_found' });
    }
    expectError(await w.clients.anonymous.get(`${b}/receipts/ABCDEFGHJKMN`), 409, { code: 'ballot.not_closed' });
    expectError(await w.clients.anonymous.get('/api/ballots/2000000/receipts/ABCDEFGHJKMN'), 404, {
      code: 'not_found',
    });
  });

  it('opens once when two staff press at the same time', async () => {
    const { ballot } = await createIn();
    const replies = await Promise.all([
      w.clients.convenor.post(`/api/ballots/${ballot.id}/open`),
      w.clients.convenor.post(`/api/ballots/${ballot.id}/open`),
    ]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect(await w.db.select().from(ballotElectors).where(eq(ballotElectors.ballotId, ballot.id))).toHaveLength(4);
  });

  it('refuses to open an empty electorate, and to let residents or other communities open', async () => {
    const { ballot } = await createIn({ scopePlaceId: w.territory.unit1.id });
    expectError(await w.clients.resident.post(`/api/ballots/${ballot.id}/open`), 403, { code: 'access.denied' });
    expectError(await w.clients.other.post(`/api/ballots/${ballot.id}/open`), 404, { code: 'not_found' });
    expectError(await w.clients.anonymous.post(`/api/ballots/${ballot.id}/open`), 401, { code: 'auth.required' });
    expectError(await w.clients.convenor.post(`/api/ballots/${ballot.id}/open`), 409, {
      code: 'ballot.electorate_empty',
    });
  });

  it('counts adults who turn 18 on the opening day, not those who turn 18 tomorrow', async () => {
    const village = (await buildPlace(w.db, { kind: 'unit', name: '3单元', parentId: w.territory.building.id })).id;
    await buildResident(w.db, { placeId: village, name: '今天成年', birthDate: birthday(18) });
    await buildResident(w.db, { placeId: village, name: '明天成年', birthDate: birthday(18, 1) });
    await buildResident(w.db, { placeId: village, name: '老村民', birthDate: '1950-03-01' });
    const m = await w.matterAt('deliberating');
    const created = await w.clients.convenor.post(`/api/matters/${m.id}/ballots`, {
      ...setup({ ruleKey: 'residents_meeting', electorateKind: 'adult_residents' }),
      scopePlaceId: village,
    });
    expect(created.statusCode, created.body).toBe(201);
    await w.clients.convenor.post(`/api/ballots/${created.json().id}/open`);
    const electors = await w.db.select().from(ballotElectors).where(eq(ballotElectors.ballotId, created.json().id));
    expect(electors.map((e) => e.label.split(' ').at(-1)).sort()).toEqual(['今天成年', '老村民'].sort());
  });

  it('shows the electorate to staff only, paged and searchable, and logs reads of a secret ballot', async () => {
    const { ballot } = await createIn({ secrecy: 'secret' });
    await w.clients.convenor.post(`/api/ballots/${ballot.id}/open`);
    const url = `/api/ballots/${ballot.id}/electors`;
    expectError(await w.clients.resident.get(url), 403, { code: 'access.denied' });
    expectError(await w.clients.supervisor.get(url), 403, { code: 'access.denied' });
    expectError(await w.clients.other.get(url), 404, { code: 'not_found' });
    const page = (await w.clients.grid.get(`${url}?q=${encodeURIComponent('钱女士')}`)).json();
    expect(page).toMatchObject({ total: 1, items: [{ area: '120.00', hasVoted: false, channel: null }] });
    expect((await w.clients.convenor.get(`${url}?pageSize=2&page=2`)).json().items).toHaveLength(2);
    const reads = await w.db
      .select()
      .from(ballotLog)
      .where(and(eq(ballotLog.ballotId, ballot.id), eq(ballotLog.action, 'electors.read')));
    expect(reads).toHaveLength(2);
  });

  it('extends with a reason on the record, and refuses an earlier time', async () => {
    const { matter, ballot } = await createIn();
    await w.clients.convenor.post(`/api/ballots/${ballot.id}/open`);
    const url = `/api/ballots/${ballot.id}/extend`;
    expectError(await w.clients.convenor.post(url, { closesAt: inDays(3), reason: '延长' }), 400, {
      code: 'ballot.extend_earlier',
      field: 'closesAt',
    });
    expectError(await w.clients.convenor.post(url, { closesAt: inDays(10), reason: '' }), 400, { field: 'reason' });
    expectError(await w.clients.resident.post(url, { closesAt: inDays(10), reason: '延长' }), 403, {
      code: 'access.denied',
    });
    const extended = await w.clients.convenor.post(url, { closesAt: inDays(10), reason: '部分业主在外地，延长三天' });
    expect(extended.statusCode, extended.body).toBe(200);
    await w.expectLastAction(matter.id, 'ballot.extend');
    const [log] = await w.db
      .select()
      .from(ballotLog)
      .where(and(eq(ballotLog.ballotId, ballot.id), eq(ballotLog.action, 'ballot.extend')));
    expect(log!.payload).toMatchObject({ reason: '部分业主在外地，延长三天' });
  });

  it('refuses an early close of a statutory ballot before everyone voted; a consultation closes any time', async () => {
    const { ballot } = await createIn();
    await w.clients.convenor.post(`/api/ballots/${ballot.id}/open`);
    expectError(await w.clients.convenor.post(`/api/ballots/${ballot.id}/close`), 409, {
      code: 'ballot.early_close_not_allowed',
    });
    const { matter, ballot: consult } = await createIn({ ruleKey: 'simple_majority' });
    await w.clients.convenor.post(`/api/ballots/${consult.id}/open`);
    expectError(await w.clients.resident.post(`/api/ballots/${consult.id}/close`), 403, { code: 'access.denied' });
    const closed = await w.clients.convenor.post(`/api/ballots/${consult.id}/close`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ ballot: { status: 'closed' }, result: { outcome: 'rejected' } });
    await w.expectLastAction(matter.id, 'ballot.close');
    expectError(await w.clients.convenor.post(`/api/ballots/${consult.id}/close`), 409, { code: 'ballot.closed' });
    expectError(await w.clients.convenor.post(`/api/ballots/${consult.id}/open`), 409, { code: 'ballot.not_draft' });
    expectError(
      await w.clients.convenor.post(`/api/ballots/${consult.id}/extend`, { closesAt: inDays(30), reason: '再议' }),
      409,
      {
        code: 'ballot.closed',
      },
    );
  });

  it('creates a council ballot for its current seats; others may not', async () => {
    const [council] = await w.db
      .insert(councils)
      .values({
        placeId: w.territory.community.id,
        placePath: w.territory.community.path,
        kind: 'residents_council',
        name: '河滨社区居民议事会',
        termStart: '2024-01-01',
        termEnd: '2030-12-31',
      })
      .returning();
    const seat = async (name: string, termEnd: string) => {
      const person = await buildResident(w.db, { placeId: w.territory.unit1.id, name });
      const [member] = await w.db
        .insert(poolMembers)
        .values({ placeId: w.territory.community.id, placePath: w.territory.community.path, residentId: person.id })
        .returning();
      await w.db
        .insert(councilMembers)
        .values({ councilId: council!.id, poolMemberId: member!.id, termStart: '2024-01-01', termEnd });
    };
    await seat('议事员甲', '2030-12-31');
    await seat('议事员乙', '2030-12-31');
    await seat('已卸任', '2024-06-30');
    const url = `/api/councils/${council!.id}/ballots`;
    const body = setup({ ruleKey: 'simple_majority', electorateKind: 'council' });
    expectError(await w.clients.convenor.post(url, setup()), 400, { field: 'electorateKind' });
    expectError(await w.clients.resident.post(url, body), 403, { code: 'access.denied' });
    expectError(await w.clients.other.post(url, body), 404, { code: 'not_found' });
    const created = await w.clients.convenor.post(url, body);
    expect(created.statusCode, created.body).toBe(201);
    const opened = await w.clients.convenor.post(`/api/ballots/${created.json().id}/open`);
    expect(opened.json()).toMatchObject({
      ballot: { councilId: council!.id, status: 'open' },
      electorate: { heads: 2 },
    });
  });
});
