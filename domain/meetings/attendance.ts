/** How a meeting is held: 现场 (on site), 线上 (online, 云议事) or 线上线下 (hybrid). */
export const meetingModes = ['on_site', 'online', 'hybrid'] as const;
export type MeetingMode = (typeof meetingModes)[number];

/** How an attendee signed in: with the meeting's 签到码 (code), or entered by staff. */
export const signInMethods = ['code', 'staff'] as const;
export type SignInMethod = (typeof signInMethods)[number];
