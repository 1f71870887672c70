import { describe, expect, it } from 'vitest';
import { projectLifecycle, type ProjectStatus } from '../../projects/lifecycle';
import type { Actor } from '../actor';
import type { Role } from '../roles';
import { actsOnProject, canOnProject, type ProjectAction, type ProjectSubject } from './project.policy';

const actor = (role: Role, placePath: string): Actor => ({
  accountId: 1,
  residentId: null,
  grants: [{ role, placeId: 0, placePath }],
});
const subject = (status: ProjectStatus, isAgent = false, servedPaths: string[] = []): ProjectSubject => ({
  type: 'project',
  path: '/1/',
  isAgent,
  status,
  servedPaths,
});
const actions: ProjectAction[] = [
  'project.view',
  'project.edit',
  'project.submit',
  'project.review',
  'project.contract',
  'project.report',
  'project.acceptMilestone',
  'project.evaluate',
  'project.close',
  'project.export',
];
const allowed = (a: Actor, s: ProjectSubject) => actions.filter((action) => canOnProject(a, action, s));

describe('project policy', () => {
  const agent = actor('organisation_agent', '/1/');
  const city = actor('city_officer', '/1/');
  const town = actor('town_officer', '/1/2/');

  it('lets the organisation’s agent write and submit a draft the officers cannot see yet', () => {
    expect(allowed(agent, subject('draft', true))).toEqual([
      'project.view',
      'project.edit',
      'project.submit',
      'project.export',
    ]);
    expect(allowed(city, subject('draft'))).toEqual([]);
  });

  it('lets the call’s officers review, contract, accept, evaluate and close, each at its stage', () => {
    expect(allowed(city, subject('submitted'))).toEqual(['project.view', 'project.review', 'project.export']);
    expect(allowed(city, subject('approved'))).toContain('project.contract');
    expect(allowed(city, subject('contracted'))).toEqual([
      'project.view',
      'project.acceptMilestone',
      'project.evaluate',
      'project.export',
    ]);
    expect(allowed(city, subject('final_evaluated'))).toEqual(['project.view', 'project.close', 'project.export']);
    expect(allowed(agent, subject('contracted', true))).toEqual(['project.view', 'project.report', 'project.export']);
  });

  it('gives nothing to an agent of another organisation, a town officer below a city call, or a resident', () => {
    for (const status of projectLifecycle.states) {
      expect(allowed(agent, subject(status, false))).toEqual([]);
      expect(allowed(town, subject(status))).toEqual([]);
      expect(allowed(actor('resident', '/1/2/3/'), subject(status, true))).toEqual([]);
    }
  });

  it('lets a town’s officers read (not manage) a city call’s project serving one of its communities', () => {
    expect(allowed(town, subject('contracted', false, ['/1/2/3/']))).toEqual(['project.view', 'project.export']);
    expect(allowed(town, subject('draft', false, ['/1/2/3/']))).toEqual([]);
  });

  it('tells a stage refusal (the right person, too late) from a role refusal', () => {
    const acts = (a: Actor, s: ProjectSubject) => actions.filter((action) => actsOnProject(a, action, s));
    // Whatever the stage, the agent is the one who edits, submits and reports; the city officer the rest.
    for (const status of projectLifecycle.states) {
      expect(acts(agent, subject(status, true))).toEqual(['project.edit', 'project.submit', 'project.report']);
      expect(acts(city, subject(status))).toEqual([
        'project.review',
        'project.contract',
        'project.acceptMilestone',
        'project.evaluate',
        'project.close',
      ]);
      expect(acts(agent, subject(status, false))).toEqual([]);
      expect(acts(town, subject(status, false, ['/1/2/3/']))).toEqual([]);
    }
    // Every action allowed is one the actor acts on (besides reading).
    for (const status of projectLifecycle.states)
      for (const a of [agent, city])
        for (const action of allowed(a, subject(status, a === agent)))
          if (action !== 'project.view' && action !== 'project.export')
            expect(actsOnProject(a, action, subject(status, a === agent))).toBe(true);
  });
});
