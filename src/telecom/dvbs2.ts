/**
 * DVB-S2 and DVB-S2X MODCODs with the ideal Es/N0 for quasi-error-free reception (PER 1e-7,
 * AWGN, normal 64 800-bit FECFRAME, no pilots) and the spectral efficiency, from
 * ETSI EN 302 307-1 V1.4.1 Table 13 (DVB-S2) and ETSI EN 302 307-2 V1.3.1 Table 20a (DVB-S2X,
 * normal frames; a subset of the linear-channel MODCODs). The choice adds the implementation
 * margin of the real modem on top of these ideal thresholds.
 */
import { DomainError } from '../core/errors.js';

/** One modulation and coding. */
export interface Modcod {
  readonly name: string;
  readonly standard: 'DVB-S2' | 'DVB-S2X';
  /** Ideal Es/N0 for QEF, dB. */
  readonly esN0Db: number;
  /** Information bits per transmitted symbol (no pilots), bit/symbol. */
  readonly efficiencyBitPerSymbol: number;
}

const S2: readonly [string, number, number][] = [
  ['QPSK 1/4', -2.35, 0.490243],
  ['QPSK 1/3', -1.24, 0.656448],
  ['QPSK 2/5', -0.3, 0.789412],
  ['QPSK 1/2', 1.0, 0.988858],
  ['QPSK 3/5', 2.23, 1.188304],
  ['QPSK 2/3', 3.1, 1.322253],
  ['QPSK 3/4', 4.03, 1.487473],
  ['QPSK 4/5', 4.68, 1.587196],
  ['QPSK 5/6', 5.18, 1.654663],
  ['QPSK 8/9', 6.2, 1.766451],
  ['QPSK 9/10', 6.42, 1.788612],
  ['8PSK 3/5', 5.5, 1.779991],
  ['8PSK 2/3', 6.62, 1.980636],
  ['8PSK 3/4', 7.91, 2.228124],
  ['8PSK 5/6', 9.35, 2.478562],
  ['8PSK 8/9', 10.69, 2.646012],
  ['8PSK 9/10', 10.98, 2.679207],
  ['16APSK 2/3', 8.97, 2.637201],
  ['16APSK 3/4', 10.21, 2.966728],
  ['16APSK 4/5', 11.03, 3.165623],
  ['16APSK 5/6', 11.61, 3.300184],
  ['16APSK 8/9', 12.89, 3.523143],
  ['16APSK 9/10', 13.13, 3.567342],
  ['32APSK 3/4', 12.73, 3.703295],
  ['32APSK 4/5', 13.64, 3.951571],
  ['32APSK 5/6', 14.28, 4.11954],
  ['32APSK 8/9', 15.69, 4.397854],
  ['32APSK 9/10', 16.05, 4.453027],
];

// DVB-S2X additions for normal frames (EN 302 307-2 Table 20a: ideal Es/N0 in AWGN for
// FER 1e-5 and the spectral efficiency in bit/symbol). Checked line by line on 2026-11-29 against
// an independent transcription of the same table (the helper who wrote the first version had
// entered it from memory and shifted five thresholds of the 16APSK/32APSK rows by one line).
const S2X: readonly [string, number, number][] = [
  ['QPSK 2/9', -2.85, 0.434841],
  ['QPSK 13/45', -2.03, 0.567805],
  ['QPSK 9/20', 0.22, 0.889135],
  ['QPSK 11/20', 1.45, 1.088581],
  ['8APSK 5/9-L', 4.73, 1.647211],
  ['8APSK 26/45-L', 5.13, 1.713601],
  ['8PSK 23/36', 6.12, 1.896173],
  ['8PSK 25/36', 7.02, 2.062148],
  ['8PSK 13/18', 7.49, 2.145136],
  ['16APSK 1/2-L', 5.97, 1.972253],
  ['16APSK 8/15-L', 6.55, 2.10485],
  ['16APSK 5/9-L', 6.84, 2.193247],
  ['16APSK 26/45', 7.51, 2.281645],
  ['16APSK 3/5', 7.8, 2.370043],
  ['16APSK 3/5-L', 7.41, 2.370043],
  ['16APSK 28/45', 8.1, 2.458441],
  ['16APSK 23/36', 8.38, 2.524739],
  ['16APSK 2/3-L', 8.43, 2.635236],
  ['16APSK 25/36', 9.27, 2.745734],
  ['16APSK 13/18', 9.71, 2.856231],
  ['16APSK 7/9', 10.65, 3.077225],
  ['16APSK 77/90', 11.99, 3.386618],
  ['32APSK 2/3-L', 11.1, 3.289502],
  ['32APSK 32/45', 11.75, 3.510192],
  ['32APSK 11/15', 12.17, 3.620536],
  ['32APSK 7/9', 13.05, 3.841226],
  ['64APSK 32/45-L', 13.98, 4.206428],
  ['64APSK 11/15', 14.81, 4.338659],
  ['64APSK 7/9', 15.47, 4.603122],
  ['64APSK 4/5', 15.87, 4.735354],
  ['64APSK 5/6', 16.55, 4.933701],
  ['128APSK 3/4', 17.73, 5.163248],
  ['128APSK 7/9', 18.53, 5.355556],
  ['256APSK 29/45-L', 16.98, 5.06569],
  ['256APSK 2/3-L', 17.24, 5.241514],
  ['256APSK 31/45-L', 18.1, 5.417338],
  ['256APSK 32/45', 18.59, 5.593162],
  ['256APSK 11/15-L', 18.84, 5.768987],
  ['256APSK 3/4', 19.57, 5.900855],
];

const build = (rows: readonly [string, number, number][], standard: Modcod['standard']): Modcod[] =>
  rows.map(([name, esN0Db, efficiencyBitPerSymbol]) => ({
    name,
    standard,
    esN0Db,
    efficiencyBitPerSymbol,
  }));

/** DVB-S2 MODCODs (EN 302 307-1 Table 13), by increasing threshold. */
export const DVB_S2_MODCODS: readonly Modcod[] = build(S2, 'DVB-S2').sort(
  (a, b) => a.esN0Db - b.esN0Db,
);
/** DVB-S2 plus the DVB-S2X MODCODs (EN 302 307-2 Table 20a), by increasing threshold. */
export const DVB_S2X_MODCODS: readonly Modcod[] = [
  ...DVB_S2_MODCODS,
  ...build(S2X, 'DVB-S2X'),
].sort((a, b) => a.esN0Db - b.esN0Db);

/** The MODCOD table of a standard. */
export function modcodTable(standard: 'DVB-S2' | 'DVB-S2X'): readonly Modcod[] {
  return standard === 'DVB-S2' ? DVB_S2_MODCODS : DVB_S2X_MODCODS;
}

/** A MODCOD by name (e.g. "8PSK 3/4"). @throws DomainError for an unknown name. */
export function modcodByName(name: string, standard: 'DVB-S2' | 'DVB-S2X' = 'DVB-S2X'): Modcod {
  const mc = modcodTable(standard).find((x) => x.name.toUpperCase() === name.trim().toUpperCase());
  if (!mc)
    throw new DomainError(
      `unknown ${standard} MODCOD "${name}"; known: ${modcodTable(standard)
        .map((x) => x.name)
        .join(', ')}`,
    );
  return mc;
}

/**
 * The most efficient MODCOD whose threshold plus margin fits under the available Es/N0;
 * undefined when even the most robust one does not close.
 */
export function bestModcod(
  esN0Db: number,
  standard: 'DVB-S2' | 'DVB-S2X',
  implementationMarginDb = 0,
): Modcod | undefined {
  let best: Modcod | undefined;
  for (const mc of modcodTable(standard)) {
    if (
      mc.esN0Db + implementationMarginDb <= esN0Db &&
      (!best || mc.efficiencyBitPerSymbol > best.efficiencyBitPerSymbol)
    )
      best = mc;
  }
  return best;
}
