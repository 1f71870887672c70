import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missing, notFound } from '../errors';
import { buildTestApp, type TestApp } from '../test/build-test-app';
import { translate } from './messages';
import { notFoundNouns, type NotFoundNoun } from './nouns';

const IDEOGRAPH = /[\u3400-\u4dbf\u4e00-\u9fff]/;

describe('a refusal names what was not found in the reader’s language', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(async () => t.close());

  const inEnglish = (url: string) => t.app.inject({ method: 'GET', url, headers: { 'accept-language': 'en' } });

  it('says 事项 and "matter" for a public matter that is not there', async () => {
    const zh = await t.anonymous().get('/api/public/matters/999999');
    expect(zh.statusCode).toBe(404);
    expect(zh.json().error).toMatchObject({ code: 'not_found', message: '未找到：事项' });
    const en = await inEnglish('/api/public/matters/999999');
    expect(en.json().error).toMatchObject({ code: 'not_found', message: 'Not found: matter' });
  });

  it('says 区划 and "place" for a notice board of no place', async () => {
    const zh = await t.anonymous().get('/api/public/places/999999/notices');
    expect(zh.statusCode).toBe(404);
    expect(zh.json().error.message).toBe('未找到：区划');
    expect((await inEnglish('/api/public/places/999999/notices')).json().error.message).toBe('Not found: place');
  });

  it('has a Chinese word and an English word for every noun', () => {
    for (const noun of Object.keys(notFoundNouns) as NotFoundNoun[]) {
      const error = notFound(noun);
      const zh = translate('zh-CN', error.code, error.options.params);
      const en = translate('en', error.code, error.options.params);
      expect(zh, noun).toMatch(/^未找到：\p{Script=Han}+$/u);
      // Lower-case English words, hyphenated where the glossary hyphenates them (micro-leader).
      expect(en, noun).toMatch(/^Not found: [a-z -]+$/);
      expect(IDEOGRAPH.test(en), noun).toBe(false);
    }
    const field = missing('formatId', 'format');
    expect(field.options.field).toBe('formatId');
    expect(translate('zh-CN', field.code, field.options.params)).toBe('未找到：协商形式');
  });
});
