// ESLint flat config. Besides the usual rules it enforces the layer rule of docs/architecture.md:
// dependencies point downwards only (core ← domain ← io ← store ← cli/server).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const DOMAIN = ['orbit', 'passes', 'access', 'planner', 'imaging', 'telecom', 'alerts'];
const SHELLS = ['cli', 'server', 'web'];

/** A rule forbidding imports of the given top-level folders of src/ (from any depth). */
function forbid(folders, why) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`,
            message: why,
          },
        ],
      },
    ],
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'var/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports only (STYLE.md).' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ regex: '^\\.\\./', message: 'core imports nothing of ours outside core/.' }],
        },
      ],
    },
  },
  {
    files: DOMAIN.map((d) => `src/${d}/**/*.ts`),
    rules: forbid(
      ['io', 'store', ...SHELLS],
      'Domain code is pure: it may use core/ and other domain modules only.',
    ),
  },
  {
    files: ['src/io/**/*.ts'],
    rules: forbid(
      ['store', ...SHELLS],
      'io/ may use domain types and core, never store or shells.',
    ),
  },
  {
    files: ['src/store/**/*.ts'],
    rules: forbid(SHELLS, 'store/ may not depend on the shells.'),
  },
  {
    files: ['**/*.js', '**/*.mjs', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['vitest.config.ts', 'web/vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The dashboard runs in the browser; it talks to the server over HTTP only (no src/ import).
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(\\.\\./)src/',
              message: 'The dashboard reaches the server through its HTTP API, not its code.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
