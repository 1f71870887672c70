import { api } from '../../api/client';
import type {
  Amendment,
  Meeting,
  MeetingDetail,
  MeetingInput,
  MeetingList,
  MinutesReply,
  Sheet,
  SignInResult,
} from '../../../../contracts/meetings';

/** Step 4 (协商议事): meetings, sign-in, the sheet, and minutes with amendments. Wire types from contracts/. */
export type {
  Amendment,
  Meeting,
  MeetingDetail,
  MeetingInput,
  MeetingMode,
  MeetingStatus,
  Minutes,
  Sheet,
  SignInResult,
} from '../../../../contracts/meetings';

export const meetingsApi = {
  meetings: (matterId: number) => api.get<MeetingList>(`/matters/${matterId}/meetings`),
  schedule: (matterId: number, input: MeetingInput) => api.post<Meeting>(`/matters/${matterId}/meetings`, input),
  meeting: (id: number) => api.get<MeetingDetail>(`/meetings/${id}`),
  closeMeeting: (id: number) => api.post<Meeting>(`/meetings/${id}/close`),
  signIn: (id: number, code: string) => api.post<SignInResult>(`/meetings/${id}/sign-in`, { code }),
  markPresent: (id: number, invitationId: number) =>
    api.post<SignInResult>(`/meetings/${id}/attendance`, { invitationId }),
  /** Where staff mark someone present (the outbox keeps the path beside the body). */
  attendancePath: (id: number) => `/meetings/${id}/attendance`,
  sheet: (id: number) => api.get<Sheet>(`/meetings/${id}/sheet`),
  minutes: (meetingId: number) => api.get<MinutesReply>(`/meetings/${meetingId}/minutes`),
  draftMinutes: (meetingId: number, body: string) => api.post<MinutesReply>(`/meetings/${meetingId}/minutes`, { body }),
  openAmendments: (minutesId: number, amendDays: number) =>
    api.post<MinutesReply>(`/minutes/${minutesId}/open-amendments`, { amendDays }),
  propose: (minutesId: number, body: string) => api.post<Amendment>(`/minutes/${minutesId}/amendments`, { body }),
  answer: (amendmentId: number, accept: boolean, answer: string) =>
    api.post<Amendment>(`/minutes/amendments/${amendmentId}/answer`, { accept, answer }),
  publish: (minutesId: number) => api.post<MinutesReply>(`/minutes/${minutesId}/publish`),
};
