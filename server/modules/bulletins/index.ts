export { bulletinsRoutes } from './bulletins.routes';
export { generateMonthlyBulletins } from './bulletins.service';
