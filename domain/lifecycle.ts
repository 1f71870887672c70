/**
 * The shape every status table shares: the states as a tuple (the database's CHECK list and the
 * TypeScript union), the state names as constants, one predicate per state, and the named commands
 * that move between states. Callers test `ballotLifecycle.is.open(b.status)`, never a string literal.
 */

/** One named move: the states it may start from and the state it leads to. */
export type LifecycleTransition<S extends string> = { readonly from: readonly S[]; readonly to: S };

export type Lifecycle<S extends string, C extends string> = {
  /** Every state, in lifecycle order: the column's CHECK list. */
  readonly states: readonly S[];
  /** The state a new row starts in: the column default. */
  readonly initial: S;
  /** Each state's name as a typed constant (`taskLifecycle.state.done`), for writes and SQL. */
  readonly state: { readonly [K in S]: K };
  /**
   * One predicate per state. It reads any value (a wire string, a row not loaded yet): the state
   * name is what is checked, by the property access, and an absent status is no state.
   */
  readonly is: { readonly [K in S]: (status: string | null | undefined) => boolean };
  readonly transitions: { readonly [K in C]: LifecycleTransition<S> };
  /** Whether a value read from outside (a query string, an old row) is one of the states. */
  isState(value: unknown): value is S;
  /** Whether `command` may start from `status`. */
  allows(command: C, status: S): boolean;
  /** A predicate for membership in a named set of states (`isDecided`, `isClosableBallot`…). */
  anyOf(set: readonly S[]): (status: string | null | undefined) => boolean;
};

/** Builds a lifecycle table from its states, initial state and (optional) commands. */
export function defineLifecycle<const S extends string, C extends string = never>(spec: {
  states: readonly S[];
  initial: S;
  transitions?: { readonly [K in C]: LifecycleTransition<S> };
}): Lifecycle<S, C> {
  const state = Object.fromEntries(spec.states.map((s) => [s, s])) as { [K in S]: K };
  const is = Object.fromEntries(
    spec.states.map((s) => [s, (status: string | null | undefined) => status === s]),
  ) as Lifecycle<S, C>['is'];
  const transitions = (spec.transitions ?? {}) as Lifecycle<S, C>['transitions'];
  return {
    states: spec.states,
    initial: spec.initial,
    state,
    is,
    transitions,
    isState: (value): value is S => typeof value === 'string' && (spec.states as readonly string[]).includes(value),
    allows: (command, status) => transitions[command].from.includes(status),
    anyOf: (set) => (status) => (set as readonly string[]).includes(status ?? ''),
  };
}
