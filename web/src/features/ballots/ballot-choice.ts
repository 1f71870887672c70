import type { Ballot, BallotOption, Channel, RuleMethod, YesNo } from './ballots.api';

type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The word for a yes/no choice: consent rules say 阻止 (a blocking objection) for against. */
export function yesNoLabel(choice: YesNo, method: RuleMethod, t: Translate): string {
  return t(method === 'consent' ? `ballots.consentChoices.${choice}` : `ballots.choices.${choice}`);
}

const optionLabel = (options: readonly BallotOption[], id: number) =>
  options.find((o) => o.id === id)?.label ?? `#${id}`;

/** Any stored choice (`{ choice }`, a bare 'for', `{ optionIds }`) in words, for receipts and paper entries. */
export function choiceText(choice: unknown, ballot: Pick<Ballot, 'options'>, method: RuleMethod, t: Translate): string {
  const value = typeof choice === 'object' && choice !== null && 'choice' in choice ? choice.choice : choice;
  if (value === 'for' || value === 'against' || value === 'abstain') return yesNoLabel(value, method, t);
  const ids =
    typeof choice === 'object' && choice !== null && 'optionIds' in choice && Array.isArray(choice.optionIds)
      ? (choice.optionIds as unknown[])
      : Array.isArray(choice)
        ? (choice as unknown[])
        : null;
  if (ids) {
    const labels = ids.map((id) => optionLabel(ballot.options, Number(id)));
    return method === 'ranked' ? labels.map((l, i) => `${i + 1}. ${l}`).join(' ') : labels.join('、');
  }
  return t('ballots.choiceHidden');
}

export const channelLabel = (channel: Channel | null | undefined, t: Translate) =>
  channel ? t(`ballots.channels.${channel}`) : '';
