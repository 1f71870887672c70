import { describe, expect, it } from 'vitest';
import { tabForPath } from './tab-section';

describe('the tab bar highlights the section a page belongs to', () => {
  it.each([
    ['/', 'home'],
    ['/inbox', 'home'],
    ['/community', 'community'],
    ['/matters', 'matters'],
    ['/matters/12', 'matters'],
    ['/matters/new', 'matters'],
    ['/work', 'matters'],
    ['/work/matters/12', 'matters'],
    ['/meetings/7', 'matters'],
    ['/places', 'places'],
    ['/places/3/residents', 'places'],
    ['/councils/4', 'places'],
    ['/statistics', 'statistics'],
    ['/statistics/matters', 'statistics'],
    ['/public/matters/5', ''],
    ['/nowhere', ''],
    ['/meetingsx', ''],
  ])('%s → %s', (path, tab) => {
    expect(tabForPath(path)).toBe(tab);
  });
});
