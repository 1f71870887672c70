import { describe, expect, it } from 'vitest';
import { scanLogForPersonalData } from './log-scan';

describe('the log scan', () => {
  it('finds a phone in clear and a code next to "code", with masked excerpts', () => {
    const log = [
      '{"level":30,"msg":"login for 13812345678"}',
      '{"level":30,"msg":"demo SMS {\\"code\\":\\"482913\\"}"}',
      '{"level":30,"msg":"code=123456 sent"}',
    ].join('\n');
    expect(scanLogForPersonalData(log)).toEqual([
      { line: 1, kind: 'phone', excerpt: '138…' },
      { line: 2, kind: 'code', excerpt: 'code\\":\\"482…' },
      { line: 3, kind: 'code', excerpt: 'code=123…' },
    ]);
  });

  it('passes masked phones, timestamps, error codes and other numbers', () => {
    const log = [
      '{"level":30,"time":1796485961036,"pid":7458,"reqId":"req-13","to":"138****5678"}',
      '{"level":40,"err":{"code":"auth.bad_code"},"sqlstate":"23505","responseTime":13.812345678}',
      '{"level":30,"res":{"statusCode":200}}',
      // Eleven fraction digits after the point that read like a mobile number.
      '{"level":30,"res":{"statusCode":200},"responseTime":140.13081100001}',
    ].join('\n');
    expect(scanLogForPersonalData(log)).toEqual([]);
  });
});
