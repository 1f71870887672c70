export { rosterRoutes } from './roster.routes';
export { importRoster, exportRoster, type ImportCommand, type ImportOutcome } from './roster.service';
