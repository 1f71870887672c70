import { z } from 'zod';

export { stageCommands, type StageCommand } from '../domain/matters/stages';

/** What moved (a matter, a task) and the status it is in now. */
export const StatusReplySchema = z.object({ id: z.number(), status: z.string() });
export type StatusReply = z.infer<typeof StatusReplySchema>;
