import type { NewScheme } from '../../contracts/demonstration';

/** A 2026 scheme: three computed criteria and one evidenced, weights 100, pass mark 60. */
export const schemeBody = (cityId: number, over: Partial<NewScheme> = {}): NewScheme => ({
  placeId: cityId,
  year: 2026,
  title: '2026年度议事协商示范社区创建考核细则',
  periodFrom: '2026-01-01',
  periodTo: '2027-01-01',
  passMark: 60,
  noticeDays: 7,
  criteria: [
    {
      key: 'consult',
      title: '协商议事次数',
      kind: 'computed',
      metric: 'consultationsHeld',
      target: 2,
      weight: 30,
      maxScore: 10,
    },
    {
      key: 'satisfy',
      title: '回访满意度',
      kind: 'computed',
      metric: 'satisfaction',
      target: 5,
      weight: 20,
      maxScore: 10,
    },
    {
      key: 'density',
      title: '每千户议事数',
      kind: 'computed',
      metric: 'mattersPerThousandHouseholds',
      target: 100,
      weight: 10,
      maxScore: 10,
    },
    {
      key: 'venues',
      title: '五有阵地',
      kind: 'computed',
      metric: 'venuesMeetingFiveHaves',
      target: 1,
      weight: 10,
      maxScore: 10,
    },
    { key: 'rules', title: '议事制度建设', kind: 'evidenced', weight: 30, maxScore: 20 },
  ],
  ...over,
});
