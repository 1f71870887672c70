import type { AuditAction } from '../../../domain/matters/audit-actions';
import type { Actor } from '../../../domain/access';
import { transitions, type MatterCommand, type MatterStatus } from '../../../domain/matters/stages';
import type { Db } from '../../db/client';
import { runMatterCommand } from './matter-command';

/**
 * The stage commands that carry no data of their own: the stage table's guards decide. The others
 * (accept, decline, merge, refer, escalate, resolve, archive) write their own data and keep their
 * own functions in the module that owns it.
 */
export type BareStageCommand = Extract<
  MatterCommand,
  'announce' | 'startDeliberation' | 'startImplementation' | 'startReview'
>;

/** The action each leaves in the audit chain; entries already written name them so. */
const auditActions: Record<BareStageCommand, AuditAction> = {
  announce: 'matter.announce',
  startDeliberation: 'matter.startDeliberation',
  startImplementation: 'startImplementation',
  startReview: 'startReview',
};

/** Moves the matter by a bare stage command (routes and the demo seed alike). */
export async function advanceMatter(
  db: Db,
  actor: Actor,
  matterId: number,
  command: BareStageCommand,
): Promise<{ id: number; status: MatterStatus }> {
  return runMatterCommand(db, {
    actor,
    matterId,
    action: 'matter.manage',
    command,
    audit: auditActions[command],
    write: async () => ({ payload: {}, result: { id: matterId, status: transitions[command].to } }),
  });
}
