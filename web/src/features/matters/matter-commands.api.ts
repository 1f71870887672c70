import { api } from '../../api/client';
import type { StageCommand, StatusReply } from '../../../../contracts/matter-commands';

export type { StageCommand } from '../../../../contracts/matter-commands';

const kebab = (command: StageCommand) => command.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The stage commands that take no body: each is a POST to /matters/:id/<kebab-case name>. */
export const matterCommandsApi = {
  run: (matterId: number, command: StageCommand) => api.post<StatusReply>(`/matters/${matterId}/${kebab(command)}`),
};
