import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api/client';
import { i18n } from '../../i18n';
import { ballotsApi, type Ballot } from './ballots.api';
import BallotVoteForm from './BallotVoteForm.vue';

// Vant's per-component style entries import .css, which Node cannot load outside Vite.
vi.mock('vant/es/button/style/index', () => ({}));
vi.mock('vant/es/icon/style/index', () => ({}));
vi.mock('vant/es/popup/style/index', () => ({}));

const ballot = (over: Partial<Ballot> = {}): Ballot => ({
  id: 7,
  matterId: 1,
  councilId: null,
  question: '选哪个方案',
  description: '',
  ruleKey: 'ranked_choice',
  ruleVersion: 1,
  threshold: null,
  electorateKind: 'owners',
  scope: null,
  secrecy: 'named',
  allowsChange: false,
  proxyCap: 3,
  requiredDwellingIds: [],
  status: 'open',
  closesAt: '2030-01-01T00:00:00Z',
  openedAt: '2026-11-25T00:00:00Z',
  closedAt: null,
  usesPapers: false,
  noticeOverride: null,
  options: [
    { id: 1, position: 1, label: '方案一' },
    { id: 2, position: 2, label: '方案二' },
    { id: 3, position: 3, label: '方案三' },
  ],
  ...over,
});

afterEach(() => {
  vi.restoreAllMocks();
  document.body.innerHTML = '';
});

describe('BallotVoteForm', () => {
  it('ranks options in the order tapped and sends that ranking, best first', async () => {
    const vote = vi
      .spyOn(ballotsApi, 'vote')
      .mockResolvedValue({ receipt: 'ABCD2345EFGH', channel: 'online', castAt: '2026-11-25T10:00:00Z' });
    const wrapper = mount(BallotVoteForm, {
      props: { ballot: ballot(), method: 'ranked' },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    const options = wrapper.findAll('[data-test=vote-option]');
    await options[2]!.trigger('click');
    await options[0]!.trigger('click');
    expect(options[2]!.text()).toContain('第 1 选择');
    expect(options[0]!.text()).toContain('第 2 选择');
    expect(options[1]!.attributes('aria-pressed')).toBe('false');
    await wrapper.get('[data-test=vote-next]').trigger('click');
    await flushPromises();
    expect(document.body.textContent).toContain('确认投票：1. 方案三 2. 方案一？');
    (document.querySelector('[data-test=vote-submit]') as HTMLElement).click();
    await flushPromises();
    expect(vote).toHaveBeenCalledWith(7, { optionIds: [3, 1] }, undefined);
    expect(wrapper.emitted('voted')?.[0]?.[0]).toMatchObject({ receipt: 'ABCD2345EFGH' });
    wrapper.unmount();
  });

  it('asks to confirm a yes/no choice and shows a refusal inline, as an alert', async () => {
    vi.spyOn(ballotsApi, 'vote').mockRejectedValue(
      new ApiError(409, { code: 'ballot.already_voted', message: '已投过票，不能再投' }),
    );
    const wrapper = mount(BallotVoteForm, {
      props: { ballot: ballot({ ruleKey: 'civil_code_278_major', options: [] }), method: 'yes_no' },
      global: { plugins: [i18n] },
      attachTo: document.body,
    });
    await wrapper.get('[data-test=vote-against]').trigger('click');
    await flushPromises();
    expect(document.body.textContent).toContain('确认投票：反对？');
    expect(document.body.textContent).toContain('提交后不可更改');
    (document.querySelector('[data-test=vote-submit]') as HTMLElement).click();
    await flushPromises();
    const alert = document.querySelector('[data-test=vote-error]');
    expect(alert?.getAttribute('role')).toBe('alert');
    expect(alert?.textContent).toBe('已投过票，不能再投');
    expect(wrapper.emitted('voted')).toBeUndefined();
    wrapper.unmount();
  });
});
