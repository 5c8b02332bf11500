/**
 * OMM in XML (CCSDS 505.0-B NDM/XML): `<ndm>` holding `<omm>` elements, or a single `<omm>`, each
 * with `body/segment/metadata` and `body/segment/data/{meanElements,tleParameters}`.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { ElementSet } from '../orbit/element-set.js';
import { type CatalogIssue, issue } from './catalog-issue.js';
import type { CatalogEntry, CatalogReadResult } from './catalog-types.js';
import { elementSetToOmm, ommToElementSet } from './omm.js';
import { lineColumnAt } from './omm-json.js';

type Node = Record<string, unknown>;

function lineOf(text: string, node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null) return undefined;
  const meta = (node as Record<symbol, { startIndex?: number } | undefined>)[
    XMLParser.getMetaDataSymbol() as symbol
  ];
  return meta?.startIndex !== undefined ? lineColumnAt(text, meta.startIndex).line : undefined;
}

/** Reads OMM XML text; a bad message is reported and skipped. */
export function parseOmmXml(text: string, fileName?: string): CatalogReadResult {
  const entries: CatalogEntry[] = [];
  const errors: CatalogIssue[] = [];
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    errors.push(
      issue('not well-formed XML', {
        file: fileName,
        line: valid.err.line,
        column: valid.err.col,
        expected: 'an NDM/XML OMM document',
        received: valid.err.msg,
      }),
    );
    return { format: 'omm-xml', entries, errors, warnings: [] };
  }
  const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    captureMetaData: true,
    isArray: (name) => name === 'omm' || name === 'segment',
  });
  const doc = parser.parse(text) as Node;
  const root = (doc.ndm as Node | undefined) ?? doc;
  const omms = (root.omm as Node[] | undefined) ?? [];
  if (omms.length === 0) {
    errors.push(
      issue('no <omm> element found', {
        file: fileName,
        line: 1,
        expected: '<ndm><omm>…</omm></ndm> or <omm>…</omm>',
      }),
    );
  }
  for (const omm of omms) {
    const line = lineOf(text, omm) ?? 1;
    const segments = ((omm.body as Node | undefined)?.segment as Node[] | undefined) ?? [];
    if (segments.length === 0) {
      errors.push(
        issue('<omm> without body/segment', { file: fileName, line, field: 'body/segment' }),
      );
      continue;
    }
    for (const seg of segments) {
      const meta = (seg.metadata as Node | undefined) ?? {};
      const data = (seg.data as Node | undefined) ?? {};
      const fields: Record<string, unknown> = {
        ...flat(meta),
        ...flat((data.meanElements as Node | undefined) ?? {}),
        ...flat((data.tleParameters as Node | undefined) ?? {}),
      };
      const fieldLine = (k: string): { line?: number } => {
        for (const n of [meta, data.meanElements, data.tleParameters]) {
          if (n && typeof n === 'object' && k in (n as Node)) {
            const l = lineOf(text, n);
            if (l !== undefined) return { line: l };
          }
        }
        return { line: lineOf(text, seg) ?? line };
      };
      const r = ommToElementSet(fields, fileName, fieldLine);
      if ('problems' in r) errors.push(...r.problems);
      else entries.push({ elements: r.elements, line });
    }
  }
  return { format: 'omm-xml', entries, errors, warnings: [] };
}

function flat(n: Node): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) if (typeof v !== 'object' || v === null) out[k] = v;
  return out;
}

function esc(s: string | number): string {
  return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Writes element sets as an NDM/XML document of OMM 3.0 messages. */
export function formatOmmXml(elements: readonly ElementSet[], creationDate = new Date(0)): string {
  const block = (tag: string, fields: Record<string, string | number>, indent: string): string =>
    `${indent}<${tag}>\n${Object.entries(fields)
      .map(([k, v]) => `${indent}  <${k}>${esc(v)}</${k}>`)
      .join('\n')}\n${indent}</${tag}>`;
  const omms = elements.map((el) => {
    const o = elementSetToOmm(el);
    return [
      '  <omm id="CCSDS_OMM_VERS" version="3.0">',
      '    <header>',
      `      <CREATION_DATE>${creationDate.toISOString().replace('Z', '')}</CREATION_DATE>`,
      '      <ORIGINATOR>SAHELSAT</ORIGINATOR>',
      '    </header>',
      '    <body>',
      '      <segment>',
      block('metadata', o.metadata, '        '),
      '        <data>',
      block('meanElements', o.meanElements, '          '),
      block('tleParameters', o.tleParameters, '          '),
      '        </data>',
      '      </segment>',
      '    </body>',
      '  </omm>',
    ].join('\n');
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ndm xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n${omms.join('\n')}\n</ndm>\n`;
}
