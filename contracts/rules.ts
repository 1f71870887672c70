import { z } from 'zod';
import { idParam } from './common';
import { rulesDocumentOwners } from '../domain/territory/rules-documents';

/** 议事制度: the county standard, councils' and venues' rules, versioned with effective dates. */

export const RulesParamsSchema = z.object({ id: idParam });

export const RulesVersionBodySchema = z.object({
  title: z.string().trim().min(1).max(100),
  body: z.string().trim().min(1).max(20_000),
  effectiveFrom: z.iso.date('validation.date'),
});
export type RulesVersionBody = z.infer<typeof RulesVersionBodySchema>;
export type RulesVersionInput = z.input<typeof RulesVersionBodySchema>;

export const RulesVersionViewSchema = z.object({
  id: z.number(),
  title: z.string(),
  body: z.string(),
  effectiveFrom: z.string(),
  /** The latest effective version; later ones are upcoming, earlier ones superseded. */
  isCurrent: z.boolean(),
  isUpcoming: z.boolean(),
});
export type RulesVersion = z.infer<typeof RulesVersionViewSchema>;

/** One rules document with every version, newest effective first. Public: rules are published. */
export const RulesDocumentReplySchema = z.object({
  id: z.number(),
  owner: z.enum(rulesDocumentOwners),
  /** The council's or venue's name; the standard's title for the standard. */
  ownerName: z.string(),
  ownerId: z.number().nullable(),
  versions: z.array(RulesVersionViewSchema),
});
export type RulesDocument = z.infer<typeof RulesDocumentReplySchema>;

/** /standard: the standard and links to every council's and venue's rules. */
export const StandardPageReplySchema = z.object({
  standard: RulesDocumentReplySchema.nullable(),
  documents: z.array(
    z.object({
      id: z.number(),
      owner: z.enum(rulesDocumentOwners),
      ownerName: z.string(),
      placeName: z.string(),
      currentTitle: z.string().nullable(),
    }),
  ),
});
export type StandardPage = z.infer<typeof StandardPageReplySchema>;

export const RulesVersionCreatedSchema = z.object({ documentId: z.number(), versionId: z.number() });
