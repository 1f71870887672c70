export { discussionRoutes } from './discussion.routes';
export { publicName, surnameInitial } from './discussion.presenter';
