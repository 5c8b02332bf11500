/**
 * An independent check of CAP 1.2 documents: what the OASIS schema (CAP-v1.2.xsd, 2010)
 * imposes — well-formed XML, the namespace, each element's content model (order and
 * cardinality of the xs:sequence), the enumerations, the dateTime pattern
 * `\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[-,+]\d\d:\d\d` — plus the rules of the specification's
 * text that the schema leaves out (§3.2: identifier and sender without spaces, commas or `<&`;
 * restriction when Restricted; polygons of at least four closed lat,lon pairs; UTC as -00:00).
 * Written from the standard, not from our writer, and parsed with fast-xml-parser.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

type Node = Record<string, unknown>;
/** [element, minOccurs, maxOccurs] of an xs:sequence. */
type Model = ReadonlyArray<readonly [string, number, number]>;
const N = Infinity;

const ALERT: Model = [
  ['identifier', 1, 1],
  ['sender', 1, 1],
  ['sent', 1, 1],
  ['status', 1, 1],
  ['msgType', 1, 1],
  ['source', 0, 1],
  ['scope', 1, 1],
  ['restriction', 0, 1],
  ['addresses', 0, 1],
  ['code', 0, N],
  ['note', 0, 1],
  ['references', 0, 1],
  ['incidents', 0, 1],
  ['info', 0, N],
];
const INFO: Model = [
  ['language', 0, 1],
  ['category', 1, N],
  ['event', 1, 1],
  ['responseType', 0, N],
  ['urgency', 1, 1],
  ['severity', 1, 1],
  ['certainty', 1, 1],
  ['audience', 0, 1],
  ['eventCode', 0, N],
  ['effective', 0, 1],
  ['onset', 0, 1],
  ['expires', 0, 1],
  ['senderName', 0, 1],
  ['headline', 0, 1],
  ['description', 0, 1],
  ['instruction', 0, 1],
  ['web', 0, 1],
  ['contact', 0, 1],
  ['parameter', 0, N],
  ['resource', 0, N],
  ['area', 0, N],
];
const PAIR: Model = [
  ['valueName', 1, 1],
  ['value', 1, 1],
];
const RESOURCE: Model = [
  ['resourceDesc', 1, 1],
  ['mimeType', 1, 1],
  ['size', 0, 1],
  ['uri', 0, 1],
  ['derefUri', 0, 1],
  ['digest', 0, 1],
];
const AREA: Model = [
  ['areaDesc', 1, 1],
  ['polygon', 0, N],
  ['circle', 0, N],
  ['geocode', 0, N],
  ['altitude', 0, 1],
  ['ceiling', 0, 1],
];

const ENUMS: Record<string, readonly string[]> = {
  status: ['Actual', 'Exercise', 'System', 'Test', 'Draft'],
  msgType: ['Alert', 'Update', 'Cancel', 'Ack', 'Error'],
  scope: ['Public', 'Restricted', 'Private'],
  category: [
    'Geo',
    'Met',
    'Safety',
    'Security',
    'Rescue',
    'Fire',
    'Health',
    'Env',
    'Transport',
    'Infra',
    'CBRNE',
    'Other',
  ],
  responseType: [
    'Shelter',
    'Evacuate',
    'Prepare',
    'Execute',
    'Avoid',
    'Monitor',
    'Assess',
    'AllClear',
    'None',
  ],
  urgency: ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'],
  severity: ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'],
  certainty: ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'],
};
const DATE_TIME = /^\d\d\d\d-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/;
const NO_SPECIALS = /^[^\s,<&]+$/;

const nameOf = (n: Node): string => Object.keys(n).find((k) => k !== ':@')!;
const children = (n: Node): Node[] =>
  ((n[nameOf(n)] as Node[]) ?? []).filter((c) => nameOf(c) !== '#text');
const text = (n: Node): string =>
  ((n[nameOf(n)] as Node[]) ?? [])
    .filter((c) => nameOf(c) === '#text')
    .map((c) => String(c['#text']))
    .join('');

/** Checks a sequence of children against a model; pushes problems to `errors`. */
function sequence(kids: Node[], model: Model, where: string, errors: string[]): void {
  let i = 0;
  for (const [name, min, max] of model) {
    let n = 0;
    while (i < kids.length && nameOf(kids[i]!) === name) {
      n++;
      i++;
    }
    if (n < min) errors.push(`${where}: <${name}> is required here (found ${n})`);
    if (n > max) errors.push(`${where}: <${name}> occurs ${n} times, at most ${max}`);
  }
  if (i < kids.length)
    errors.push(
      `${where}: unexpected <${nameOf(kids[i]!)}> (element ${i + 1}: wrong order or unknown)`,
    );
}

function leaves(n: Node, where: string, errors: string[]): void {
  for (const c of children(n)) {
    const name = nameOf(c);
    const v = text(c);
    if (ENUMS[name] && !ENUMS[name]!.includes(v))
      errors.push(`${where}/${name}: "${v}" is not one of ${ENUMS[name]!.join(', ')}`);
    if (['sent', 'effective', 'onset', 'expires'].includes(name)) {
      if (!DATE_TIME.test(v)) errors.push(`${where}/${name}: "${v}" is not a CAP dateTime`);
      if (/[-+]00:00$/.test(v) && v.endsWith('+00:00'))
        errors.push(`${where}/${name}: UTC must be written -00:00 (CAP 1.2 §3.3.2)`);
    }
  }
}

function polygon(v: string, where: string, errors: string[]): void {
  const pairs = v.trim().split(/\s+/);
  if (pairs.length < 4) errors.push(`${where}: a polygon needs at least 4 pairs`);
  for (const p of pairs) {
    const m = /^(-?\d+(\.\d+)?),(-?\d+(\.\d+)?)$/.exec(p);
    if (!m || Math.abs(Number(m[1])) > 90 || Math.abs(Number(m[3])) > 180)
      errors.push(`${where}: "${p}" is not a lat,lon pair`);
  }
  if (pairs[0] !== pairs[pairs.length - 1]) errors.push(`${where}: the polygon is not closed`);
}

/** Problems of a CAP 1.2 document (empty when it conforms). */
export function capProblems(xml: string): string[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) return [`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`];
  const doc = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    parseTagValue: false,
    trimValues: true,
  }).parse(xml) as Node[];
  const roots = doc.filter((n) => !nameOf(n).startsWith('?'));
  const errors: string[] = [];
  if (roots.length !== 1 || nameOf(roots[0]!) !== 'alert')
    return ['the root element is not <alert>'];
  const alert = roots[0]!;
  const ns = (alert[':@'] as Record<string, string> | undefined)?.['@_xmlns'];
  if (ns !== 'urn:oasis:names:tc:emergency:cap:1.2') errors.push(`wrong namespace ${ns}`);
  const kids = children(alert);
  sequence(kids, ALERT, 'alert', errors);
  leaves(alert, 'alert', errors);
  const get = (name: string) => kids.find((k) => nameOf(k) === name);
  for (const name of ['identifier', 'sender'])
    if (get(name) && !NO_SPECIALS.test(text(get(name)!)))
      errors.push(`alert/${name}: spaces, commas, < and & are not allowed`);
  if (get('scope') && text(get('scope')!) === 'Restricted' && !get('restriction'))
    errors.push('alert: a Restricted alert needs <restriction>');
  if (get('scope') && text(get('scope')!) === 'Private' && !get('addresses'))
    errors.push('alert: a Private alert needs <addresses>');
  const msgType = get('msgType') ? text(get('msgType')!) : '';
  if ((msgType === 'Update' || msgType === 'Cancel') && !get('references'))
    errors.push(`alert: an ${msgType} should carry <references>`);
  kids
    .filter((k) => nameOf(k) === 'info')
    .forEach((info, i) => {
      const w = `alert/info[${i + 1}]`;
      const ik = children(info);
      sequence(ik, INFO, w, errors);
      leaves(info, w, errors);
      for (const c of ik) {
        const n = nameOf(c);
        if (n === 'parameter' || n === 'eventCode')
          sequence(children(c), PAIR, `${w}/${n}`, errors);
        if (n === 'resource') sequence(children(c), RESOURCE, `${w}/resource`, errors);
        if (n === 'area') {
          sequence(children(c), AREA, `${w}/area`, errors);
          for (const p of children(c).filter((x) => nameOf(x) === 'polygon'))
            polygon(text(p), `${w}/area/polygon`, errors);
        }
      }
    });
  return errors;
}

/** The parsed document, for reading values in tests. */
export function capValues(xml: string): {
  get(path: string): string[];
} {
  const doc = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    parseTagValue: false,
    trimValues: true,
  }).parse(xml) as Node[];
  const root = doc.find((n) => nameOf(n) === 'alert')!;
  return {
    get(path: string): string[] {
      let nodes = [root];
      for (const step of path.split('/'))
        nodes = nodes.flatMap((n) => children(n)).filter((c) => nameOf(c) === step);
      return nodes.map(text);
    },
  };
}
