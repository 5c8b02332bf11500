/**
 * File boundary of the aeossp adapter: reads a case directory and a solution file, and hands the
 * texts to the pure parsers. Unreadable files become located ValidationErrors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../../core/errors.js';
import { type Lang, defineMessages } from '../../i18n/index.js';
import type { AeosspCase, AeosspSolution } from './model.js';
import { parseAeosspCase, parseAeosspSolution } from './read-case.js';

const m = defineMessages({
  en: { unreadable: 'cannot read the file' },
  fr: { unreadable: 'impossible de lire le fichier' },
});

function readText(file: string, lang: Lang): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ValidationError(m(lang, 'unreadable'), {
      location: { file },
      received: err instanceof Error ? err.message : String(err),
    });
  }
}

/** Reads `mission.yaml`, `satellites.yaml` and `tasks.yaml` of a case directory. */
export function loadAeosspCase(dir: string, lang: Lang = 'en'): AeosspCase {
  const part = (name: string): { text: string; file: string } => {
    const file = join(dir, name);
    return { text: readText(file, lang), file };
  };
  return parseAeosspCase(
    {
      mission: part('mission.yaml'),
      satellites: part('satellites.yaml'),
      tasks: part('tasks.yaml'),
    },
    lang,
  );
}

/** Reads a solution file. */
export function loadAeosspSolution(file: string, lang: Lang = 'en'): AeosspSolution {
  return parseAeosspSolution(readText(file, lang), file, lang);
}
