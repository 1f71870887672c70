export { departmentsRoutes } from './departments.routes';
/** Commands the demo seed drives (the same ones the routes call). */
export { appointLiaison, createDepartment } from './departments.service';
export { acceptReferral, answerReferral, handBackReferral, referAgain, referMatter } from './referrals.service';
/** The bulletin's overdue-referrals section reads the same rows as the supervision queue's. */
export { overdueReferralsIn } from './referrals.repository';
