import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { check, text } from 'drizzle-orm/pg-core';

/** State names are short snake_case words from the domain's tables; anything else is a programming error. */
const literal = (state: string): string => {
  if (!/^[a-z][a-z_]*$/.test(state)) throw new Error(`not a state name: ${state}`);
  return `'${state}'`;
};

/**
 * `column in ('a', 'b')` for a set of states from a domain lifecycle table. The states are inlined,
 * not bound: CHECK constraints and partial indexes take no parameters, and the planner matches a
 * query to a partial index only on the same literals.
 */
export function inStates(column: SQLWrapper | SQL, states: readonly string[]): SQL {
  if (states.length === 0) return sql`false`;
  return sql`${column} in (${sql.raw(states.map(literal).join(', '))})`;
}

/** `column not in ('a', 'b')`: see inStates. */
export function notInStates(column: SQLWrapper | SQL, states: readonly string[]): SQL {
  if (states.length === 0) return sql`true`;
  return sql`${column} not in (${sql.raw(states.map(literal).join(', '))})`;
}

/** `column = 'state'`, the state inlined for the same reasons as inStates. */
export function isState(column: SQLWrapper | SQL, state: string): SQL {
  return sql`${column} = ${sql.raw(literal(state))}`;
}

/** A status column typed by its lifecycle, defaulting to the lifecycle's first state. */
export function statusColumn<S extends string>(lifecycle: { states: readonly S[]; initial: S }) {
  return text('status').$type<S>().notNull().default(lifecycle.initial);
}

/** The CHECK that makes the database refuse a state the lifecycle table does not know. */
export function statusCheck(name: string, column: SQLWrapper, states: readonly string[]) {
  return check(name, inStates(column, states));
}
