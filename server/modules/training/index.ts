export { trainingRoutes } from './training.routes';
export { trainingParticipantRoutes } from './training-participants.routes';
export { microLeaderRoutes } from './micro-leaders.routes';
/** Commands the demo seed drives training through (the same ones the routes call). */
export { addSession, createProgramme, moveProgrammeBy, readProgramme } from './training.service';
export { completeParticipant, enrolByPhone, markAttendance, recordScore, signInByCode } from './participants.service';
export { listMicroLeaders, updateMicroLeaderTags } from './micro-leaders.service';
