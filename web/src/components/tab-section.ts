/** The main tabs: 首页, 社区 (社区议事), 议事 (mine), 区划, and 统计 for officers. */
export type MainTab = 'home' | 'community' | 'matters' | 'places' | 'statistics';

/** Which section a path belongs to: a meeting is part of a matter; the inbox is the person's own, like home. */
const sections: [prefix: string, tab: MainTab][] = [
  ['/community', 'community'],
  ['/matters', 'matters'],
  ['/work', 'matters'],
  ['/meetings', 'matters'],
  ['/places', 'places'],
  ['/councils', 'places'],
  ['/inbox', 'home'],
  ['/statistics', 'statistics'],
];

const isUnder = (path: string, prefix: string) => path === prefix || path.startsWith(`${prefix}/`);

/** The tab to highlight for `path`, or '' on pages outside every section (not found, public pages). */
export function tabForPath(path: string): MainTab | '' {
  if (path === '/') return 'home';
  return sections.find(([prefix]) => isUnder(path, prefix))?.[1] ?? '';
}
