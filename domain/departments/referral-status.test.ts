import { describe, expect, it } from 'vitest';
import { isOpenReferral, isOverdueReferral, referralLifecycle } from './referral-status';
import { hasCommittee } from './departments';

describe('referral lifecycle', () => {
  it('moves sent → accepted → answered, and hands back only before an answer', () => {
    expect(referralLifecycle.allows('accept', 'sent')).toBe(true);
    expect(referralLifecycle.allows('answer', 'sent')).toBe(false);
    expect(referralLifecycle.allows('answer', 'accepted')).toBe(true);
    expect(referralLifecycle.allows('handBack', 'accepted')).toBe(true);
    expect(referralLifecycle.allows('handBack', 'answered')).toBe(false);
    expect(referralLifecycle.allows('accept', 'handed_back')).toBe(false);
  });

  it('is overdue only while open and past its due day', () => {
    expect(isOverdueReferral({ status: 'sent', dueOn: '2026-03-01' }, '2026-03-02')).toBe(true);
    expect(isOverdueReferral({ status: 'accepted', dueOn: '2026-03-02' }, '2026-03-02')).toBe(false);
    expect(isOverdueReferral({ status: 'answered', dueOn: '2026-03-01' }, '2026-04-01')).toBe(false);
    expect(isOverdueReferral({ status: 'handed_back', dueOn: '2026-03-01' }, '2026-04-01')).toBe(false);
    expect(isOpenReferral('accepted')).toBe(true);
  });

  it('registers departments at cities and towns only', () => {
    expect(hasCommittee('city')).toBe(true);
    expect(hasCommittee('town')).toBe(true);
    expect(hasCommittee('community')).toBe(false);
  });
});
