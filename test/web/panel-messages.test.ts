/**
 * Every panel's message table (web/src/panels/<name>/messages.ts) has the same keys in English
 * and French, no empty text, the same {placeholders} in both languages, and only keys of its own
 * namespace.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPO_DIR } from '../support/reference.js';

const PANELS = resolve(REPO_DIR, 'web/src/panels');
const names = existsSync(PANELS)
  ? readdirSync(PANELS).filter((n) => existsSync(resolve(PANELS, n, 'messages.ts')))
  : [];

async function shellTable(): Promise<{ en: Record<string, string> }> {
  const mod = (await import(
    /* @vite-ignore */ pathToFileURL(resolve(REPO_DIR, 'web/src/app/messages.ts')).href
  )) as {
    messages: { en: Record<string, string> };
  };
  return mod.messages;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('panel messages', () => {
  it('finds the panels', () => {
    expect(names).toEqual(
      expect.arrayContaining([
        'passes',
        'requests',
        'plans',
        'products',
        'alerts',
        'export',
        'link',
      ]),
    );
  });
  for (const name of names) {
    it(`${name}: same keys, placeholders and namespace in en and fr`, async () => {
      const url = pathToFileURL(resolve(PANELS, name, 'messages.ts')).href;
      const mod = (await import(/* @vite-ignore */ url)) as Record<string, unknown>;
      const tables = Object.values(mod).filter(
        (v): v is { en: Record<string, string>; fr: Record<string, string> } =>
          typeof v === 'object' && v !== null && 'en' in v && 'fr' in v,
      );
      expect(tables.length).toBeGreaterThan(0);
      for (const { en, fr } of tables) {
        expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
        for (const [k, v] of Object.entries(en)) {
          expect(v.trim(), `${name} en ${k}`).not.toBe('');
          expect(fr[k]!.trim(), `${name} fr ${k}`).not.toBe('');
          expect(placeholders(fr[k]!), `${name} ${k}`).toEqual(placeholders(v));
          expect(k.startsWith(`${name}.`), `${name}: key ${k}`).toBe(true);
        }
      }
    });
  }

  it("merges with the shell's table without a key defined twice", async () => {
    const app = (await import(
      /* @vite-ignore */ pathToFileURL(resolve(REPO_DIR, 'web/src/app/i18n.ts')).href
    )) as {
      mergeMessages(t: unknown[]): { en: Record<string, string> };
    };
    const tables: unknown[] = [await shellTable()];
    for (const name of names) {
      const mod = (await import(
        /* @vite-ignore */ pathToFileURL(resolve(PANELS, name, 'messages.ts')).href
      )) as { messages: unknown };
      tables.push(mod.messages);
    }
    const merged = app.mergeMessages(tables);
    expect(merged.en['requests.common.error.unavailable']).toBeDefined();
  });
  it('every literal key used by a panel exists in its table', async () => {
    const known = new Set<string>(Object.keys((await shellTable()).en));
    for (const name of names) {
      const url = pathToFileURL(resolve(PANELS, name, 'messages.ts')).href;
      for (const v of Object.values(
        (await import(/* @vite-ignore */ url)) as Record<string, unknown>,
      )) {
        if (typeof v === 'object' && v !== null && 'en' in v)
          Object.keys((v as { en: object }).en).forEach((k) => known.add(k));
      }
    }
    const missing: string[] = [];
    for (const name of names) {
      for (const file of readdirSync(resolve(PANELS, name)).filter((f) => /\.tsx?$/.test(f))) {
        const text = readFileSync(resolve(PANELS, name, file), 'utf8');
        for (const m of text.matchAll(/\bt\(\s*'([a-z][\w-]*\.[\w.-]+)'/g)) {
          if (!known.has(m[1]!)) missing.push(`${name}/${file}: ${m[1]}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
