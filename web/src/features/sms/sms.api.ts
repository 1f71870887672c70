import { api } from '../../api/client';
import type { OptOutBody, OptOutView } from '../../../../contracts/sms';

/** Whether a resident declined invitation and notice texts, and whether the viewer may change it. */
export type SmsOptOut = OptOutView;
export type { SmsState } from '../../../../contracts/sms';

export const smsApi = {
  optOut: (residentId: number) => api.get<SmsOptOut>(`/residents/${residentId}/sms`),
  setOptOut: (residentId: number, smsOptOut: boolean) =>
    api.patch<SmsOptOut>(`/residents/${residentId}/sms`, { smsOptOut } satisfies OptOutBody),
};
