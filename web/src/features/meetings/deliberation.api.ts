import { api } from '../../api/client';
import type { AmendmentStatus, MeetingStatus, MinutesStatus } from '../../../../domain/meetings/lifecycles';
import type { SmsState } from '../sms/sms.api';

/** Step 3 (公示告知) and step 4 (协商议事): notices, invitations, inbox, meetings and minutes. */
export type Notice = {
  id: number;
  kind: 'topic' | 'meeting' | 'result';
  title: string;
  body: string;
  startsOn: string;
  endsOn: string;
  createdAt: string;
};
export type NoticeInput = Omit<Notice, 'id' | 'createdAt'>;

export type InvitationScope = 'residents' | 'owners' | 'households';
export type InvitationsInput = {
  poolTags?: string[];
  councilIds?: number[];
  affectedPlaceId?: number;
  affectedScope?: InvitationScope;
  organisationIds?: number[];
  outsideNames?: string[];
};
export type InvitationReason = 'pool' | 'council' | 'affected' | 'outside';
export type InvitationsAdded = {
  added: Record<InvitationReason, number>;
  alreadyInvited: number;
  total: number;
};
export type InvitationReply = 'pending' | 'yes' | 'no';
export type Invitation = {
  id: number;
  reason: InvitationReason;
  kind: 'resident' | 'organisation' | 'outside';
  name: string;
  isNameMasked: boolean;
  hasAccount: boolean;
  reply: InvitationReply;
  repliedAt: string | null;
  isMine: boolean;
  /** The invitation text to an invitee without an account; staff only (null otherwise or if none). */
  sms: SmsState | null;
};
export type InvitationList = {
  items: Invitation[];
  counts: { total: number; yes: number; no: number; pending: number };
};

export type InboxItem = {
  id: number;
  matterId: number | null;
  kind: string;
  title: string;
  body: string;
  isRead: boolean;
  createdAt: string;
};

export type MeetingMode = 'on_site' | 'online' | 'hybrid';
export type Meeting = {
  id: number;
  matterId: number;
  mode: MeetingMode;
  venue: string | null;
  onlineLink: string | null;
  startsAt: string;
  endsAt: string | null;
  agenda: string;
  /** scheduled → held (someone signed in) → closed (sign-in by code ended); 'open' is never written. */
  status: MeetingStatus;
  /** Staff who run the meeting only. */
  signInCode: string | null;
};
export type { MeetingStatus };
/** GET /meetings/:id adds the viewer's own state. */
export type MeetingDetail = Meeting & {
  isInvited: boolean;
  mySignIn: { signedInAt: string; method: 'code' | 'staff' } | null;
};
export type MeetingInput = {
  mode: MeetingMode;
  venue?: string;
  onlineLink?: string;
  startsAt: string;
  agenda: string;
};
export type SignInResult = { meetingId: number; invitationId: number; alreadySignedIn: boolean };
export type Sheet = {
  due: number;
  present: number;
  rows: {
    invitationId: number;
    name: string;
    isNameMasked: boolean;
    reason: InvitationReason;
    reply: InvitationReply;
    signedIn: boolean;
    method: 'code' | 'staff' | null;
  }[];
};
export type Amendment = {
  id: number;
  body: string;
  status: AmendmentStatus;
  answer: string | null;
  isMine: boolean;
  createdAt: string;
};
export type Minutes = {
  id: number;
  meetingId: number;
  status: MinutesStatus;
  amendUntil: string | null;
  publishedAt: string | null;
  bodyFull: string | null;
  body: string | null;
  amendments: Amendment[];
};

/** The commands that take no body: each is a POST to /matters/:id/<kebab-case name>. */
export type StageCommand =
  'announce' | 'startDeliberation' | 'resolve' | 'startImplementation' | 'startReview' | 'archive';
const kebab = (command: StageCommand) => command.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export const deliberationApi = {
  notices: (matterId: number) => api.get<{ items: Notice[] }>(`/matters/${matterId}/notices`),
  postNotice: (matterId: number, input: NoticeInput) => api.post<Notice>(`/matters/${matterId}/notices`, input),
  invitations: (matterId: number) => api.get<InvitationList>(`/matters/${matterId}/invitations`),
  invite: (matterId: number, input: InvitationsInput) =>
    api.post<InvitationsAdded>(`/matters/${matterId}/invitations`, input),
  removeInvitation: (id: number) => api.delete<{ id: number }>(`/invitations/${id}`),
  reply: (id: number, reply: 'yes' | 'no') => api.post<{ id: number }>(`/invitations/${id}/reply`, { reply }),
  runStageCommand: (matterId: number, command: StageCommand) =>
    api.post<{ id: number; status: string }>(`/matters/${matterId}/${kebab(command)}`),
  inbox: () => api.get<{ items: InboxItem[]; unread: number }>('/inbox'),
  markRead: (id: number) => api.post<{ id: number }>(`/inbox/${id}/read`),
  meetings: (matterId: number) => api.get<{ items: Meeting[] }>(`/matters/${matterId}/meetings`),
  schedule: (matterId: number, input: MeetingInput) => api.post<Meeting>(`/matters/${matterId}/meetings`, input),
  meeting: (id: number) => api.get<MeetingDetail>(`/meetings/${id}`),
  closeMeeting: (id: number) => api.post<Meeting>(`/meetings/${id}/close`),
  signIn: (id: number, code: string) => api.post<SignInResult>(`/meetings/${id}/sign-in`, { code }),
  markPresent: (id: number, invitationId: number) =>
    api.post<SignInResult>(`/meetings/${id}/attendance`, { invitationId }),
  sheet: (id: number) => api.get<Sheet>(`/meetings/${id}/sheet`),
  minutes: (meetingId: number) => api.get<{ minutes: Minutes | null }>(`/meetings/${meetingId}/minutes`),
  draftMinutes: (meetingId: number, body: string) =>
    api.post<{ minutes: Minutes | null }>(`/meetings/${meetingId}/minutes`, { body }),
  openAmendments: (minutesId: number, amendDays: number) =>
    api.post<{ minutes: Minutes | null }>(`/minutes/${minutesId}/open-amendments`, { amendDays }),
  propose: (minutesId: number, body: string) => api.post<Amendment>(`/minutes/${minutesId}/amendments`, { body }),
  answer: (amendmentId: number, accept: boolean, answer: string) =>
    api.post<Amendment>(`/minutes/amendments/${amendmentId}/answer`, { accept, answer }),
  publish: (minutesId: number) => api.post<{ minutes: Minutes | null }>(`/minutes/${minutesId}/publish`),
};
