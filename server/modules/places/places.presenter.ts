import { areaFromHundredths } from '../../../domain/territory/dwellings';
import { abilitiesFor, type Actor } from '../../../domain/access';
import { ageOn, isAdultOn } from '../../../domain/people/age';
import { maskPhone } from '../../../domain/people/phone';
import type { Gender, Tenure } from '../../../domain/people/residents';
import type { PlaceRow, PlaceSummaryRow } from './places.repository';
import {
  placeAbilityActions,
  type DwellingsPageView,
  type HomeView,
  type PlaceRefView,
  type PlaceSummaryView,
  type PlaceView,
  type ResidentsPageView,
} from '../../../contracts/places';
import type { listSubtreeDwellings, readHome, readPlaceDetail } from './places.service';

type PageInfo = { page: number; pageSize: number };

export const presentPlaceRef = (p: PlaceRow): PlaceRefView => ({ id: p.id, kind: p.kind, name: p.name });

export const presentPlace = (p: PlaceRow): PlaceView => ({
  ...presentPlaceRef(p),
  code: p.code,
  isRural: p.isRural,
  parentId: p.parentId,
  path: p.path,
});

export const presentSummary = (p: PlaceSummaryRow): PlaceSummaryView => ({
  ...presentPlace(p),
  childCount: p.childCount,
  dwellingCount: p.dwellingCount,
  residentCount: p.residentCount,
});

export function presentPlaceDetail(actor: Actor, place: PlaceRow, detail: Awaited<ReturnType<typeof readPlaceDetail>>) {
  return {
    place: presentPlace(place),
    ancestors: detail.ancestors.map(presentPlaceRef),
    counts: detail.counts,
    abilities: abilitiesFor(actor, placeAbilityActions, { type: 'place', path: place.path }),
  };
}

export function presentHome(home: Awaited<ReturnType<typeof readHome>>, today: string): HomeView {
  const { resident, dwelling, householdCode, building } = home;
  return {
    resident: { id: resident.id, name: resident.name, birthDate: resident.birthDate, tenure: resident.tenure },
    dwelling: dwelling
      ? { id: dwelling.id, room: dwelling.room, floor: dwelling.floor, areaM2: areaFromHundredths(dwelling.areaCenti) }
      : null,
    household:
      householdCode === null
        ? null
        : {
            code: householdCode,
            members: home.members.map((m) => ({ name: m.name, isAdult: isAdultOn(m.birthDate, today) })),
          },
    place: presentPlaceRef(home.place),
    ancestors: home.ancestors.map(presentPlaceRef),
    building: building
      ? {
          id: building.id,
          name: building.name,
          dwellingCount: building.dwellingCount,
          residentCount: building.residentCount,
        }
      : null,
  };
}

export function presentDwellingsPage(
  { rows, total, next }: Awaited<ReturnType<typeof listSubtreeDwellings>>,
  page: PageInfo,
): DwellingsPageView {
  return {
    items: rows.map((d) => ({
      id: d.id,
      code: d.code,
      room: d.room,
      floor: d.floor,
      areaM2: areaFromHundredths(d.areaCenti),
      use: d.use,
      placeId: d.placeId,
      placeName: d.placeName,
      owners: d.owners,
    })),
    total,
    page: page.page,
    pageSize: page.pageSize,
    next,
  };
}

type ResidentRow = {
  id: number;
  code: string;
  name: string;
  gender: Gender | null;
  birthDate: string;
  phone: string | null;
  tenure: Tenure;
  placeId: number;
  placeName: string;
  householdCode: string | null;
  dwellingRoom: string | null;
};

/** `showsPhones` is decided once for the page (staff of the whole subtree or not), never per row. */
export function presentResidentsPage(
  { rows, total, next }: { rows: ResidentRow[]; total: number; next: string | null },
  page: PageInfo,
  showsPhones: boolean,
  today: string,
): ResidentsPageView {
  return {
    items: rows.map((r) => ({
      id: r.id,
      code: r.code,
      name: r.name,
      gender: r.gender,
      birthDate: r.birthDate,
      age: ageOn(r.birthDate, today),
      isAdult: isAdultOn(r.birthDate, today),
      phone: r.phone === null ? null : showsPhones ? r.phone : maskPhone(r.phone),
      isPhoneMasked: r.phone !== null && !showsPhones,
      householdCode: r.householdCode,
      dwellingRoom: r.dwellingRoom,
      placeId: r.placeId,
      placeName: r.placeName,
      tenure: r.tenure,
    })),
    total,
    page: page.page,
    pageSize: page.pageSize,
    next,
  };
}
