/** Whole years between an ISO birth date and an ISO day, counting the birthday itself as reached. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Adult (18+) on `day`; a person born on 29 February comes of age on 1 March in common years. */
export function isAdultOn(birthDate: string, day: string): boolean {
  return ageOn(birthDate, day) >= 18;
}
