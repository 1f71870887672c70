export { meetingsRoutes } from './meetings.routes';
/** Command functions the demo seed drives matters through (the same ones the routes call). */
export { closeMeeting, markAttendance, scheduleMeeting, signInByCode } from './meetings.service';
export { draftMinutes, publishMinutes } from './minutes.service';
/** Short sign-in codes (no 0/O, 1/I/L), shared with training sessions. */
export { newSignInCode } from './meetings.service';
