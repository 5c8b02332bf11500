/**
 * The link-budget configuration (`sahelsat link budget --config FILE.json`, and the body of
 * `POST /api/v1/telecom/link`): one or more GEO links through a transparent transponder. Field
 * meanings and units are those of {@link GeoLinkInput} (src/telecom/geo-link.ts).
 */
import { z } from 'zod';
import type { GeoLinkInput } from '../telecom/geo-link.js';

/** Climatic parameters given directly (else read from the ITU-R maps). */
export const linkClimateSchema = z
  .object({
    r001MmH: z.number().nonnegative(),
    rainHeightKm: z.number(),
    temperatureK: z.number().positive(),
    waterVapourDensityGm3: z.number().nonnegative(),
    vtKgM2: z.number().nonnegative(),
    pressureHpa: z.number().positive(),
    nWet: z.number().nonnegative(),
    cloudLiquidKgM2: z.number().nonnegative(),
  })
  .partial()
  .strict();

/** An earth station of a link. */
export const linkStationSchema = z
  .object({
    name: z.string().optional(),
    latitudeDeg: z.number().min(-90).max(90),
    longitudeDeg: z.number().min(-180).max(360),
    altitudeM: z.number().optional(),
    antennaDiameterM: z.number().positive(),
    efficiency: z.number().gt(0).max(1),
    tauDeg: z.number(),
    pointingLossDb: z.number().nonnegative().optional(),
    polarisationLossDb: z.number().nonnegative().optional(),
    climate: linkClimateSchema.optional(),
  })
  .strict();

/** One link (see {@link GeoLinkInput}). */
export const linkSchema = z
  .object({
    name: z.string(),
    satelliteLongitudeDeg: z.number(),
    transmitter: linkStationSchema,
    receiver: linkStationSchema,
    uplinkFrequencyGhz: z.number().positive(),
    downlinkFrequencyGhz: z.number().positive(),
    uplinkEirpDbw: z.number(),
    satelliteGtDbK: z.number(),
    satelliteEirpDbw: z.number(),
    receiverGtDbK: z.number(),
    receiverSystemNoiseK: z.number().positive().optional(),
    carrierToInterferenceDb: z.number().optional(),
    symbolRateMbd: z.number().positive(),
    rolloff: z.number().min(0).max(1),
    standard: z.enum(['DVB-S2', 'DVB-S2X']),
    modcod: z.string().optional(),
    implementationMarginDb: z.number().nonnegative(),
    availabilityPercent: z.number(),
  })
  .strict();

/** The `link budget` configuration file: `maps` is a directory relative to the file. */
export const linkConfigSchema = z
  .object({ maps: z.string().optional(), links: z.array(linkSchema).min(1) })
  .strict();

export type LinkConfig = z.infer<typeof linkConfigSchema>;

/** A validated link as the budget's input (the schema's shape is GeoLinkInput's). */
export const toGeoLinkInput = (l: z.infer<typeof linkSchema>): GeoLinkInput => l as GeoLinkInput;
