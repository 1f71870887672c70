import { api } from '../../api/client';
import type { MatterStatus } from '../../../../domain/matters/stages';
import type { MatterCategory, MatterKind, MatterLevel } from '../../../../domain/matters/taxonomy';

/** The redacted public record of a decided, public matter (docs/api.md "Public (no login)"). */
export type PublicMatter = {
  id: number;
  title: string;
  category: MatterCategory;
  kind: MatterKind;
  level: MatterLevel;
  trail: { kind: string; name: string }[];
  status: MatterStatus;
  step: number | null;
  sealedAt: string | null;
  timeline: { seq: number; action: string; at: string }[];
  minutes: { meetingMode: string; meetingStartsAt: string; publishedAt: string | null; body: string }[];
  /** body is null until staff confirm the resolution's public text. */
  resolution: null | { body: string | null; basis: string; objectionEndsAt: string };
  objections: { count: number; answers: { answer: string; answeredAt: string | null }[] };
  tasks: {
    title: string;
    dueOn: string;
    status: string;
    isOverdue: boolean;
    percent: number;
    notes: { note: string; percent: number; at: string }[];
  }[];
  followUps: { count: number; averageSatisfaction: number | null };
  evaluation: null | { outcome: string; score: number; isDisputeResolved: boolean };
  chain:
    | { isIntact: true; length: number; head: string | null }
    | { isIntact: false; length: number; brokenAt: number; reason: string };
  /** The latest signed anchor of the matter's chain (null before the first). */
  anchor: PublicAnchor | null;
};

/** 链锚 as published (server/modules/public-matters/public-matters.anchor.ts). */
export type PublicAnchor = {
  day: string;
  length: number;
  head: string;
  root: string;
  matterCount: number;
  signature: string;
  keyId: string;
  proof: { side: 'left' | 'right'; hash: string }[];
  matchesChain: boolean;
};

export const publicMattersApi = {
  get: (id: number) => api.get<PublicMatter>(`/public/matters/${id}`),
  /** The downloadable public file (the record plus the chain's links). */
  fileUrl: (id: number) => `/api/public/matters/${id}/file.json`,
};
