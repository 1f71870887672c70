import { z } from 'zod';

/**
 * The stage commands that take no body (announce, startDeliberation, resolve, startImplementation,
 * startReview, archive): each is a POST to /matters/:id/<kebab-case name>, answered with the new status.
 */
export const stageCommands = [
  'announce',
  'startDeliberation',
  'resolve',
  'startImplementation',
  'startReview',
  'archive',
] as const;
export type StageCommand = (typeof stageCommands)[number];

/** What moved (a matter, a task) and the status it is in now. */
export const StatusReplySchema = z.object({ id: z.number(), status: z.string() });
export type StatusReply = z.infer<typeof StatusReplySchema>;
