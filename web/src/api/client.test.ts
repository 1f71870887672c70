import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, apiUrl, readCookie, setApiLocale } from './client';

function mockFetch(status: number, body: unknown) {
  const fetchMock = vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function sentHeaders(fetchMock: ReturnType<typeof mockFetch>): Record<string, string> {
  const init = fetchMock.mock.calls[0]?.[1];
  return (init?.headers ?? {}) as Record<string, string>;
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.cookie = 'yishi_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  setApiLocale('zh-CN');
});

describe('api client', () => {
  it('sends the yishi_csrf cookie as x-csrf-token on a POST', async () => {
    document.cookie = 'yishi_csrf=tok-123; path=/';
    const fetchMock = mockFetch(200, { sent: true });
    await apiRequest('/auth/code', { method: 'POST', body: { phone: '13900000008' } });
    expect(sentHeaders(fetchMock)['x-csrf-token']).toBe('tok-123');
    expect(sentHeaders(fetchMock)['content-type']).toBe('application/json');
  });

  it('does not send the CSRF header on a GET, but sends the current locale', async () => {
    document.cookie = 'yishi_csrf=tok-123; path=/';
    setApiLocale('en');
    const fetchMock = mockFetch(200, { isDemo: true, account: null });
    await apiRequest('/session');
    expect(sentHeaders(fetchMock)['x-csrf-token']).toBeUndefined();
    expect(sentHeaders(fetchMock)['accept-language']).toBe('en');
  });

  it('turns an error reply into a typed ApiError with code, message and field', async () => {
    mockFetch(400, { error: { code: 'validation.phone', message: '请输入 11 位中国大陆手机号', field: 'phone' } });
    const error = await apiRequest('/auth/code', { method: 'POST', body: { phone: '1' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation.phone',
      field: 'phone',
      message: '请输入 11 位中国大陆手机号',
    });
  });

  it('maps a reply without an error body to a generic http error', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('oops', { status: 502 })),
    );
    const error = await apiRequest('/session').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, code: 'http' });
  });

  it('leaves empty values out of the query string', () => {
    expect(apiUrl('/places/search', { q: '河滨', within: undefined, limit: 20 })).toBe(
      '/api/places/search?q=%E6%B2%B3%E6%BB%A8&limit=20',
    );
  });

  it('reads one cookie among several', () => {
    expect(readCookie('yishi_csrf', 'a=1; yishi_csrf=x%3Dy; b=2')).toBe('x=y');
  });
});
