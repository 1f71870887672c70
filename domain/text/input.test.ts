import { describe, expect, it } from 'vitest';
import { isHttpLink, unreadableCharacter } from './input';

describe('unreadableCharacter', () => {
  it('passes ordinary Chinese text, emoji (surrogate pairs), tabs and line breaks', () => {
    expect(unreadableCharacter('5幢加装电梯\t讨论\n第二行 😀')).toBeUndefined();
  });
  it('finds a NUL anywhere', () => {
    expect(unreadableCharacter('电梯\u0000')).toBe('nul');
  });
  it('finds a lone high or low surrogate, at either end or in the middle', () => {
    for (const text of ['\uD800', 'a\uD83Db', '\uDE00x', 'x\uDE00', '😀\uDE00']) {
      expect(unreadableCharacter(text), JSON.stringify(text)).toBe('surrogate');
    }
  });
});

describe('isHttpLink', () => {
  it('accepts http and https links with a host', () => {
    expect(isHttpLink('https://meeting.tencent.com/dm/abc?x=1')).toBe(true);
    expect(isHttpLink('http://192.168.1.5:8080/room')).toBe(true);
  });
  it('refuses script, data, file and relative links in any case or disguise', () => {
    for (const link of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      '/relative/path',
      'https://',
      'https://exa mple.com',
      'vbscript:msgbox(1)',
    ]) {
      expect(isHttpLink(link), link).toBe(false);
    }
  });
});
