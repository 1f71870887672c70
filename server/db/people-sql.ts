import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { staffRoles } from '../../domain/access/roles';
import type { PersonStanding } from '../../domain/people/public-name';
import { inStates, isState } from './lifecycle-sql';
import { roleGrants } from './schema';

/**
 * What the account behind `accountId` acts as, from its current grants (domain `PersonStanding`):
 * 'staff' with any staff role, else 'supervisor', else 'resident'. A subquery for a select list, so a
 * page can show staff as their role and residents as 居民 + initial.
 */
export function standingOf(accountId: SQLWrapper): SQL<PersonStanding> {
  return sql<PersonStanding>`(select case
      when bool_or(${inStates(roleGrants.role, staffRoles)}) then 'staff'
      when bool_or(${isState(roleGrants.role, 'supervisor')}) then 'supervisor'
      else 'resident' end
    from ${roleGrants} where ${roleGrants.accountId} = ${accountId})`;
}
