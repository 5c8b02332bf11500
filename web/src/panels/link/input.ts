/**
 * The link calculator's form as flat fields (path → text) and the `sahelsat link budget` input
 * JSON built from them (docs/telecom.md; the server's POST /telecom/link takes the same body).
 */

export type Fields = Record<string, string>;

/** Defaults: the forward link of docs/examples/link-budget.json, with Sahel climate values so
 * the server needs no ITU-R maps (Bamako/Gao: R0.01 from P.837-7 is near 70 mm/h). */
export const DEFAULT_FIELDS: Fields = {
  name: 'forward (Bamako hub → Gao terminal)',
  satelliteLongitudeDeg: '-5',
  'transmitter.latitudeDeg': '12.65',
  'transmitter.longitudeDeg': '-8',
  'transmitter.altitudeM': '380',
  'transmitter.antennaDiameterM': '7.3',
  'transmitter.efficiency': '0.65',
  'transmitter.tauDeg': '45',
  'transmitter.pointingLossDb': '0.3',
  'transmitter.climate.r001MmH': '70',
  'transmitter.climate.rainHeightKm': '4.9',
  'transmitter.climate.temperatureK': '300',
  'transmitter.climate.waterVapourDensityGm3': '15',
  'transmitter.climate.vtKgM2': '40',
  'transmitter.climate.pressureHpa': '970',
  'transmitter.climate.nWet': '90',
  'transmitter.climate.cloudLiquidKgM2': '0.6',
  'receiver.latitudeDeg': '16.27',
  'receiver.longitudeDeg': '-0.04',
  'receiver.altitudeM': '270',
  'receiver.antennaDiameterM': '1.2',
  'receiver.efficiency': '0.65',
  'receiver.tauDeg': '45',
  'receiver.pointingLossDb': '0.5',
  'receiver.climate.r001MmH': '45',
  'receiver.climate.rainHeightKm': '4.9',
  'receiver.climate.temperatureK': '302',
  'receiver.climate.waterVapourDensityGm3': '12',
  'receiver.climate.vtKgM2': '35',
  'receiver.climate.pressureHpa': '975',
  'receiver.climate.nWet': '75',
  'receiver.climate.cloudLiquidKgM2': '0.5',
  uplinkFrequencyGhz: '29.5',
  downlinkFrequencyGhz: '19.7',
  uplinkEirpDbw: '75',
  satelliteGtDbK: '18',
  satelliteEirpDbw: '56',
  receiverGtDbK: '19',
  receiverSystemNoiseK: '250',
  carrierToInterferenceDb: '20',
  symbolRateMbd: '30',
  rolloff: '0.2',
  standard: 'DVB-S2X',
  modcod: '',
  implementationMarginDb: '0.5',
  availabilityPercent: '99.7',
};

const TEXT = new Set(['name', 'standard', 'modcod']);
/** Fields that may be left empty (then omitted from the JSON). */
const OPTIONAL =
  /^(modcod|receiverSystemNoiseK|carrierToInterferenceDb|.*pointingLossDb|.*altitudeM|.*\.climate\..*)$/;

export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = target;
  for (const p of parts.slice(0, -1)) {
    o[p] ??= {};
    o = o[p] as Record<string, unknown>;
  }
  o[parts[parts.length - 1]!] = value;
}

/**
 * The configuration `{links: [link]}`.
 * @throws FieldError naming the first field that is not a number (or is empty when required).
 */
export function buildLinkConfig(fields: Fields): { links: Array<Record<string, unknown>> } {
  const link: Record<string, unknown> = {};
  for (const [path, raw] of Object.entries(fields)) {
    const text = raw.trim();
    if (text === '') {
      if (OPTIONAL.test(path)) continue;
      throw new FieldError(path, 'a value is required');
    }
    if (TEXT.has(path)) {
      setPath(link, path, text);
      continue;
    }
    const v = Number(text.replace(',', '.'));
    if (!Number.isFinite(v)) throw new FieldError(path, `not a number: "${text}"`);
    setPath(link, path, v);
  }
  return { links: [link] };
}

export interface HopBudget {
  elevationDeg: number;
  rangeKm: number;
  freeSpaceLossDb: number;
  atmosphericDb: number;
  gtDbK: number;
  cN0DbHz: number;
}
export interface LinkResult {
  budget: {
    name: string;
    pPercent: number;
    limitingHop: 'uplink' | 'downlink';
    uplink: HopBudget;
    downlink: HopBudget;
    cI0DbHz?: number;
    totalCn0DbHz: number;
    cnDb: number;
    esN0Db: number;
    ebN0Db?: number;
    modcod?: { name: string } | null;
    requiredEsN0Db?: number;
    marginDb?: number;
    informationRateMbps: number;
  };
  acm: {
    availabilityPercent: number;
    meanThroughputMbps: number;
    modcodShare: Array<{ modcod: string; fraction: number }>;
  };
}

/** The results whatever the envelope: `[…]`, `{results: […]}`, `{links: […]}` or one result. */
export function resultsOf(answer: unknown): LinkResult[] {
  if (Array.isArray(answer)) return answer as LinkResult[];
  if (answer && typeof answer === 'object') {
    const o = answer as Record<string, unknown>;
    for (const k of ['results', 'links', 'items'])
      if (Array.isArray(o[k])) return o[k] as LinkResult[];
    if ('budget' in o) return [o as unknown as LinkResult];
  }
  return [];
}
