import { describe, expect, it } from 'vitest';
import type { Role } from '../roles';
import { assigneeReason, type AssigneeCandidate } from './task.policy';

// 1 city / 2 town / 3 community / 4 estate / 5 building; 9 another community of the town.
const building = '/1/2/3/4/5/';
const candidate = (grants: [Role, string][], more: Partial<AssigneeCandidate> = {}): AssigneeCandidate => ({
  grants: grants.map(([role, placePath]) => ({ role, placePath })),
  isInvitee: false,
  isCouncilMember: false,
  ...more,
});

describe('who may be assigned a task of a matter', () => {
  it('takes staff granted anywhere in the matter’s community', () => {
    expect(assigneeReason(candidate([['convenor', '/1/2/3/']]), building)).toBe('staff');
    expect(assigneeReason(candidate([['grid_worker', '/1/2/3/4/8/']]), building)).toBe('staff');
  });

  it('refuses staff of another community and officers above the community', () => {
    expect(assigneeReason(candidate([['convenor', '/1/2/9/']]), building)).toBeUndefined();
    expect(assigneeReason(candidate([['town_officer', '/1/2/']]), building)).toBeUndefined();
  });

  it('takes invitees and council members, but not residents as such', () => {
    expect(assigneeReason(candidate([['resident', building]], { isInvitee: true }), building)).toBe('invitee');
    expect(assigneeReason(candidate([], { isCouncilMember: true }), building)).toBe('council');
    expect(assigneeReason(candidate([['resident', building]]), building)).toBeUndefined();
    expect(assigneeReason(candidate([['supervisor', '/1/2/3/']]), building)).toBeUndefined();
  });
});
