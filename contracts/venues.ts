import { z } from 'zod';
import { abilitiesSchema, idField, idParam } from './common';
import {
  fiveHaves,
  venueAccessibilityFeatures,
  venueKinds,
  venuePhotoPurposes,
  venueReviewStatuses,
} from '../domain/territory/venues';

/** 议事阵地: venues of a place, their five haves, the town's review, bookings, the public page. */

export const VenueParamsSchema = z.object({ id: idParam });
export const VenueFileParamsSchema = z.object({ id: idParam });

/** What staff write about a venue; the organisation is one of the place's councils or pool organisations. */
export const VenueBodySchema = z
  .object({
    kind: z.enum(venueKinds),
    name: z.string().trim().min(1).max(50),
    address: z.string().trim().min(1).max(100),
    capacity: z.number().int().min(1).max(100_000),
    openingHours: z.string().trim().max(100).default(''),
    accessibility: z
      .array(z.enum(venueAccessibilityFeatures))
      .max(venueAccessibilityFeatures.length)
      .default([])
      .transform((xs) => [...new Set(xs)]),
    councilId: idField.nullable().default(null),
    organisationId: idField.nullable().default(null),
  })
  .refine((b) => b.councilId === null || b.organisationId === null, {
    path: ['organisationId'],
    message: 'venue.one_organisation',
  });
export type VenueBody = z.infer<typeof VenueBodySchema>;
export type VenueInput = z.input<typeof VenueBodySchema>;

export const VenueReturnBodySchema = z.object({ reason: z.string().trim().min(1).max(500) });
export type VenueReturnBody = z.infer<typeof VenueReturnBodySchema>;

/** A booking by staff for an activity that is not a matter's meeting (a meeting books its venue itself). */
export const VenueBookingBodySchema = z
  .object({
    title: z.string().trim().min(1).max(100),
    startsAt: z.iso.datetime({ offset: true }),
    endsAt: z.iso.datetime({ offset: true }),
  })
  .refine((b) => new Date(b.endsAt) > new Date(b.startsAt), { path: ['endsAt'], message: 'venue.booking_order' });
export type VenueBookingBody = z.infer<typeof VenueBookingBodySchema>;

/** multipart/form-data: `purpose` (signage | photo) and the photo file(s). */
export const VenuePhotoBodySchema = z.object({ purpose: z.enum(venuePhotoPurposes) });

export const FiveHaveCheckSchema = z.object({
  have: z.enum(fiveHaves),
  isMet: z.boolean(),
  label: z.string().nullable(),
  count: z.number().nullable(),
  at: z.string().nullable(),
});
export type FiveHaveCheckView = z.infer<typeof FiveHaveCheckSchema>;

const OrganisationRefSchema = z.object({
  kind: z.enum(['council', 'organisation']),
  id: z.number(),
  name: z.string(),
});
const VenuePhotoSchema = z.object({ id: z.number(), purpose: z.enum(venuePhotoPurposes) });

export const VenueViewSchema = z.object({
  id: z.number(),
  placeId: z.number(),
  placeName: z.string(),
  kind: z.enum(venueKinds),
  name: z.string(),
  address: z.string(),
  capacity: z.number(),
  openingHours: z.string(),
  accessibility: z.array(z.enum(venueAccessibilityFeatures)),
  organisation: OrganisationRefSchema.nullable(),
  status: z.enum(venueReviewStatuses),
  returnReason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  photos: z.array(VenuePhotoSchema),
  fiveHaves: z.array(FiveHaveCheckSchema),
  missing: z.array(z.enum(fiveHaves)),
  rulesDocumentId: z.number().nullable(),
});
export type Venue = z.infer<typeof VenueViewSchema>;

const VenueAbilitiesSchema = abilitiesSchema(['venue.manage', 'venue.review']);
export const VenuesReplySchema = z.object({ items: z.array(VenueViewSchema), abilities: VenueAbilitiesSchema });
export type VenueList = z.infer<typeof VenuesReplySchema>;

export const VenueBookingViewSchema = z.object({
  id: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
  /** A staff booking's title; null for a meeting (its matter is linked instead). */
  title: z.string().nullable(),
  matterId: z.number().nullable(),
  meetingId: z.number().nullable(),
});
export type VenueBooking = z.infer<typeof VenueBookingViewSchema>;

export const VenueDetailReplySchema = z.object({
  venue: VenueViewSchema,
  bookings: z.array(VenueBookingViewSchema),
  abilities: VenueAbilitiesSchema,
});
export type VenueDetail = z.infer<typeof VenueDetailReplySchema>;

/** What the venue form offers as its organisation: the place's councils and pool organisations. */
export const VenueOptionsReplySchema = z.object({
  councils: z.array(z.object({ id: z.number(), name: z.string() })),
  organisations: z.array(z.object({ id: z.number(), name: z.string() })),
});
export type VenueOptions = z.infer<typeof VenueOptionsReplySchema>;

/** Venues a matter's meeting may be held at: those in the matter's community. */
export const MatterVenuesReplySchema = z.object({
  items: z.array(z.object({ id: z.number(), name: z.string(), placeName: z.string(), capacity: z.number() })),
});
export type MatterVenues = z.infer<typeof MatterVenuesReplySchema>;

/** The public venue page: no personal data, upcoming meetings by their public titles. */
export const PublicVenueReplySchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(venueKinds),
  placeName: z.string(),
  address: z.string(),
  capacity: z.number(),
  openingHours: z.string(),
  accessibility: z.array(z.enum(venueAccessibilityFeatures)),
  organisationName: z.string().nullable(),
  organisationBrand: z.string().nullable(),
  isApproved: z.boolean(),
  photos: z.array(VenuePhotoSchema),
  fiveHaves: z.array(FiveHaveCheckSchema.pick({ have: true, isMet: true })),
  rulesDocumentId: z.number().nullable(),
  upcoming: z.array(
    z.object({
      startsAt: z.string(),
      endsAt: z.string(),
      /** The matter's confirmed public title, or the staff booking's title; null when not public. */
      title: z.string().nullable(),
      /** Set when the matter has a public page. */
      matterId: z.number().nullable(),
    }),
  ),
});
export type PublicVenue = z.infer<typeof PublicVenueReplySchema>;
