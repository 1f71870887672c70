/** The standing deliberation bodies a place may have (居民议事会, 乡贤参事会, 业主委员会, …). */
export const councilKinds = [
  'residents_council',
  'sage_council',
  'owners_committee',
  'villagers_representatives',
  'custom',
] as const;
export type CouncilKind = (typeof councilKinds)[number];

/** A seat's position on a council, in the order pickers offer them. */
export const seatPositions = ['chair', 'vice_chair', 'secretary', 'member'] as const;
export type SeatPosition = (typeof seatPositions)[number];
