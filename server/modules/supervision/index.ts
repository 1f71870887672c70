export { supervisionRoutes } from './supervision.routes';
/** The matter's findings with their answers, for the sealed file (一事一档). */
export { findingRows as listSupervisionFindings } from './supervision.repository';
