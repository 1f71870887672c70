import { describe, expect, it } from 'vitest';
import { computeCoverage, type CoverageOrganisation } from './coverage';

const towns = [
  { id: 2, name: '梧桐街道', path: '/1/2/' },
  { id: 3, name: '凤鸣街道', path: '/1/3/' },
];
const communities = [
  { id: 4, name: '河滨社区', path: '/1/2/4/' },
  { id: 5, name: '桥东社区', path: '/1/2/5/' },
  { id: 6, name: '凤鸣社区', path: '/1/3/6/' },
];
const categories = [
  { id: 10, name: '枢纽型', tier: 'hub' as const },
  { id: 11, name: '社工', tier: 'core' as const },
  { id: 12, name: '志愿', tier: 'core' as const },
  { id: 13, name: '文体', tier: 'other' as const },
];
const org = (o: Partial<CoverageOrganisation> & { id: number; categoryId: number | null }): CoverageOrganisation => ({
  name: `组织${o.id}`,
  brand: null,
  placePath: '/1/',
  servedPaths: [],
  ...o,
});

describe('1+3+N coverage', () => {
  it('finds hubs registered at a town or serving it', () => {
    const coverage = computeCoverage({
      towns,
      communities,
      categories,
      organisations: [
        org({ id: 1, categoryId: 10, placePath: '/1/2/' }),
        org({ id: 2, categoryId: 10, servedPaths: ['/1/3/'] }),
      ],
    });
    expect(coverage.towns.map((t) => t.hubs.map((h) => h.id))).toEqual([[1], [2]]);
    expect(coverage.totals.townsWithHub).toBe(2);
  });

  it('fills each core cell with the organisations serving the community, and counts full coverage', () => {
    const coverage = computeCoverage({
      towns,
      communities,
      categories,
      organisations: [
        org({ id: 1, categoryId: 11, servedPaths: ['/1/2/4/', '/1/3/6/'], brand: '四治茶座' }),
        org({ id: 2, categoryId: 12, servedPaths: ['/1/2/4/7/'] }),
        org({ id: 3, categoryId: 13, servedPaths: ['/1/2/5/'] }),
        org({ id: 4, categoryId: null, servedPaths: ['/1/2/5/'] }),
      ],
    });
    expect(coverage.coreCategories.map((c) => c.id)).toEqual([11, 12]);
    const [wutong, fengming] = coverage.towns;
    expect(wutong!.communities[0]).toMatchObject({
      name: '河滨社区',
      isFullyCovered: true,
      cells: [
        { categoryId: 11, organisations: [{ id: 1, name: '组织1', brand: '四治茶座' }] },
        { categoryId: 12, organisations: [{ id: 2, name: '组织2', brand: null }] },
      ],
    });
    expect(wutong!.communities[1]).toMatchObject({
      isFullyCovered: false,
      cells: [{ organisations: [] }, { organisations: [] }],
    });
    expect(fengming!.communities[0]!.isFullyCovered).toBe(false);
    expect(coverage.totals).toEqual({ towns: 2, townsWithHub: 0, communities: 3, fullyCovered: 1 });
  });

  it('counts no community as covered when the city has no core category', () => {
    const coverage = computeCoverage({
      towns,
      communities,
      categories: categories.filter((c) => c.tier !== 'core'),
      organisations: [],
    });
    expect(coverage.totals.fullyCovered).toBe(0);
    expect(coverage.towns[0]!.communities[0]!.cells).toEqual([]);
  });
});
