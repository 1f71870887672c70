import type { SmsStatus } from '../../../../domain/messaging';
import { api } from '../../api/client';

/** Whether a resident declined invitation and notice texts, and whether the viewer may change it. */
export type SmsOptOut = { residentId: number; smsOptOut: boolean; canChange: boolean };

/** State of the invitation text to one invitee (staff only). */
export type SmsState = SmsStatus;

export const smsApi = {
  optOut: (residentId: number) => api.get<SmsOptOut>(`/residents/${residentId}/sms`),
  setOptOut: (residentId: number, smsOptOut: boolean) =>
    api.patch<SmsOptOut>(`/residents/${residentId}/sms`, { smsOptOut }),
};
