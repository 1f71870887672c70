/**
 * Every reason a roster row can be refused. The server holds the zh-CN and en text for each code
 * (server/i18n/messages.ts); `params` fill its placeholders.
 */
export const rosterProblemCodes = [
  'validation.required',
  'validation.too_long',
  'validation.phone',
  'validation.date',
  'roster.code_format',
  'roster.code_list_format',
  'roster.enum',
  'roster.integer',
  'roster.area',
  'roster.duplicate',
  'roster.duplicate_room',
  'roster.room_taken',
  'roster.unknown_place',
  'roster.unknown_dwelling',
  'roster.unknown_household',
  'roster.kind_parent',
  'roster.place_kind',
  'roster.place_kind_changed',
  'roster.place_moved',
  'roster.parent_invalid',
  'roster.dwelling_outside_place',
  'roster.outside_scope',
  'roster.birth_future',
  'roster.birth_too_old',
  'roster.date_nonexistent',
] as const;
export type RosterProblemCode = (typeof rosterProblemCodes)[number];

/**
 * Rows that are valid but probably wrong: they are written only when the worker acknowledges them.
 * An owner with no property takes part in no Art. 278 ballot; a tenant who owns a flat is likely an owner.
 */
export const rosterWarningCodes = ['roster.owner_without_property', 'roster.tenant_with_property'] as const;
export type RosterWarningCode = (typeof rosterWarningCodes)[number];

/** One refusal: the spreadsheet row (header = 1), the Chinese header of the column, the cell as text. */
export type RosterProblem = {
  row: number;
  column: string;
  value: string;
  code: RosterProblemCode;
  params: Record<string, string | number>;
};

/** A warning on a valid row, in the same shape as a problem. */
export type RosterWarning = Omit<RosterProblem, 'code'> & { code: RosterWarningCode };
