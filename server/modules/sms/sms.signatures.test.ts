import { describe, expect, it } from 'vitest';
import { aliyunV3Signature } from '../../test/sms-double.aliyun';
import { tc3Signature } from '../../test/sms-double.tencent';
import { signAliyunRequest } from './sms.aliyun';
import { signTencentRequest } from './sms.tencent';

// Both the adapters' signers and the test double's checkers (written apart) must reproduce the
// worked examples published with each provider's signature documentation.

describe("Alibaba Cloud V3 signature (ACS3-HMAC-SHA256), the documentation's example", () => {
  const headers = {
    host: 'ecs.cn-shanghai.aliyuncs.com',
    'x-acs-action': 'RunInstances',
    'x-acs-version': '2014-05-26',
    'x-acs-date': '2023-10-26T10:22:32Z',
    'x-acs-signature-nonce': '3156853299f313e23d1673dc12e1703d',
    'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  };
  const query = { ImageId: 'win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd', RegionId: 'cn-shanghai' };
  const documented = '06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0';

  it('is what the adapter computes', () => {
    const authorization = signAliyunRequest({
      method: 'POST',
      path: '/',
      query,
      headers,
      keyId: 'YourAccessKeyId',
      keySecret: 'YourAccessKeySecret',
    });
    expect(authorization).toBe(
      'ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,' +
        `Signature=${documented}`,
    );
  });

  it('is what the test double recomputes from the raw request', () => {
    const request = {
      method: 'POST',
      url: `/?${new URLSearchParams(query).toString()}`,
      headers,
      body: '',
    };
    expect(aliyunV3Signature(request, Object.keys(headers).sort(), 'YourAccessKeySecret')).toBe(documented);
    expect(aliyunV3Signature(request, Object.keys(headers).sort(), 'another secret')).not.toBe(documented);
  });
});

describe("Tencent Cloud TC3-HMAC-SHA256, the documentation's example (CVM DescribeInstances)", () => {
  const payload = '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}';
  const headers = { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com' };
  const documented = '2230eefd229f582d8b1b891af7107b91597240707d778ab3738f756258d7652c';

  it('is what the adapter computes', () => {
    const authorization = signTencentRequest({
      method: 'POST',
      path: '/',
      query: '',
      headers,
      payload,
      service: 'cvm',
      timestamp: 1551113065,
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3*******',
    });
    expect(authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3*******/2019-02-25/cvm/tc3_request, ' +
        `SignedHeaders=content-type;host, Signature=${documented}`,
    );
  });

  it('is what the test double recomputes from the raw request', () => {
    const request = { method: 'POST', url: '/', headers, body: payload };
    const secret = 'Gu5t9xGARNpq86cd98joQYCN3*******';
    expect(tc3Signature(request, ['content-type', 'host'], secret, 1551113065, 'cvm')).toBe(documented);
    expect(tc3Signature(request, ['content-type', 'host'], secret, 1551113066, 'cvm')).not.toBe(documented);
  });
});
