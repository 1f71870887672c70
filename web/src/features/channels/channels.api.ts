import { api } from '../../api/client';
import type {
  ChannelTestReply,
  PushSubscriptionBody,
  PushUnsubscribeBody,
  WebpushStatus,
  WechatAuthorizeReply,
  WechatBindingBody,
  WechatStatusView,
} from '../../../../contracts/channels';

export type { ChannelOutcomeView, WebpushStatus, WechatStatusView } from '../../../../contracts/channels';

export const channelsApi = {
  wechat: () => api.get<WechatStatusView>('/account/wechat'),
  /** Starts 网页授权: the address of WeChat's authorize page, with a state bound to this session. */
  startWechat: () => api.post<WechatAuthorizeReply>('/account/wechat/authorize'),
  bindWechat: (code: string, state: string) =>
    api.post<WechatStatusView>('/account/wechat/binding', { code, state } satisfies WechatBindingBody),
  unbindWechat: () => api.delete<WechatStatusView>('/account/wechat/binding'),
  testWechat: () => api.post<ChannelTestReply>('/account/wechat/test'),
  webpush: () => api.get<WebpushStatus>('/account/webpush'),
  subscribe: (subscription: PushSubscriptionBody) =>
    api.post<WebpushStatus>('/account/webpush/subscriptions', subscription),
  unsubscribe: (endpoint: string) =>
    api.delete<WebpushStatus>('/account/webpush/subscriptions', { endpoint } satisfies PushUnsubscribeBody),
  testWebpush: () => api.post<ChannelTestReply>('/account/webpush/test'),
};
