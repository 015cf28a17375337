import { z } from 'zod';
import { BasisSchema, FrequencySchema, LightSchema, MethodSchema } from './enums';
import { ItemStateSchema } from './machine';
import { Bases, BodyYear, Id, IsoDate, Matter, Methods, Year } from './contracts-core';

/** Contracts of the coordinator's common items and the 共性事项矩阵 (re-exported by contracts.ts). */
// ---------------------------------------------------------------- common items

export const CommonItemSchema = z.object({
  id: z.string(),
  year: z.number(),
  seq: z.number(),
  matter: z.string(),
  bases: z.array(BasisSchema),
  methods: z.array(MethodSchema),
  frequency: FrequencySchema.nullable(),
  dueDate: z.string().nullable(),
  /** Number of groups it was issued to. */
  issuedTo: z.number(),
  /** How many of those items are done. */
  completed: z.number(),
});
export type CommonItem = z.infer<typeof CommonItemSchema>;

export const CommonItemQuerySchema = z.object({ year: Year.optional() });

export const CommonItemCollectionSchema = z.object({
  items: z.array(CommonItemSchema),
  abilities: z.object({ create: z.boolean() }),
});

/** POST /api/v1/supervision/common-items — fans out to every group (or the groups named). */
export const CommonItemCreateBodySchema = z.object({
  year: BodyYear,
  matter: Matter,
  bases: Bases,
  methods: Methods,
  frequency: FrequencySchema.nullish(),
  dueDate: IsoDate.nullish(),
  groupIds: z.array(Id).min(1).max(500).optional(),
});
export type CommonItemCreateBody = z.infer<typeof CommonItemCreateBodySchema>;

export const CommonItemIssuedSchema = z.object({ commonItem: CommonItemSchema, issued: z.number() });

// ---------------------------------------------------------------- matrix

export const MatrixQuerySchema = z.object({ year: Year });

/** GET /api/v1/supervision/matrix — 共性事项 × 派驻组 completion matrix. */
export const MatrixSchema = z.object({
  groups: z.array(z.object({ id: z.string(), name: z.string(), liaisonOfficeName: z.string().nullable() })),
  commonItems: z.array(z.object({ id: z.string(), seq: z.number(), matter: z.string(), dueDate: z.string().nullable() })),
  cells: z.array(z.object({ groupId: z.string(), commonItemId: z.string(), itemId: z.string(), state: ItemStateSchema, light: LightSchema })),
  completion: z.object({
    byGroup: z.record(z.string(), z.number()),
    byItem: z.record(z.string(), z.number()),
    overall: z.number(),
  }),
});
export type Matrix = z.infer<typeof MatrixSchema>;
