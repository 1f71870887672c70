import { api } from '../../api/client';
import type {
  DeletedReply,
  InboxReadReply,
  InboxReply,
  InvitationList,
  InvitationsAdded,
  InvitationsRequest,
  Notice,
  NoticeInput,
  NoticeList,
  ReplyReply,
} from '../../../../contracts/announcements';

/** Step 3 (公示告知): notices, invitations and replies; and every user's inbox. Wire types from contracts/. */
export type {
  InboxItem,
  Invitation,
  InvitationList,
  InvitationReason,
  InvitationReply,
  InvitationScope,
  InvitationsAdded,
  Notice,
  NoticeInput,
} from '../../../../contracts/announcements';
export type InvitationsInput = InvitationsRequest;

export const announcementsApi = {
  notices: (matterId: number) => api.get<NoticeList>(`/matters/${matterId}/notices`),
  postNotice: (matterId: number, input: NoticeInput) => api.post<Notice>(`/matters/${matterId}/notices`, input),
  invitations: (matterId: number) => api.get<InvitationList>(`/matters/${matterId}/invitations`),
  invite: (matterId: number, input: InvitationsRequest) =>
    api.post<InvitationsAdded>(`/matters/${matterId}/invitations`, input),
  removeInvitation: (id: number) => api.delete<DeletedReply>(`/invitations/${id}`),
  reply: (id: number, reply: ReplyReply['reply']) => api.post<ReplyReply>(`/invitations/${id}/reply`, { reply }),
  inbox: () => api.get<InboxReply>('/inbox'),
  markRead: (id: number) => api.post<InboxReadReply>(`/inbox/${id}/read`),
};
