import { maskPhone } from '../../../domain/people/phone';
import type { OrganisationSummary } from '../../../contracts/organisations';
import type { OrganisationRow } from './organisations.repository';

type Served = { organisationId: number; id: number; name: string; kind: string };

/** An organisation as lists show it, with the places it serves. */
export function presentOrganisation(row: OrganisationRow, served: readonly Served[]): OrganisationSummary {
  return {
    id: row.id,
    name: row.name,
    category:
      row.categoryId !== null && row.categoryName !== null && row.categoryTier !== null
        ? { id: row.categoryId, name: row.categoryName, tier: row.categoryTier }
        : null,
    place: { id: row.placeId, name: row.placeName, kind: row.placeKind },
    brand: row.brand,
    canDeliberate: row.canDeliberate,
    capabilities: row.capabilities,
    isActive: row.isActive,
    servedPlaces: served
      .filter((s) => s.organisationId === row.id)
      .map((s) => ({ id: s.id, name: s.name, kind: s.kind })),
  };
}

/** The contact phone: whole for those over the organisation (and its agents), masked for others. */
export function presentContactPhone(phone: string | null, showsPhone: boolean) {
  return {
    contactPhone: phone === null ? null : showsPhone ? phone : maskPhone(phone),
    isPhoneMasked: phone !== null && !showsPhone,
  };
}
