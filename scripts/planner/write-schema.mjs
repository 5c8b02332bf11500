// Regenerates data/schemas/scenario.schema.json from the zod schema of the scenario format
// (src/planner/plan/scenario-schema.ts). Usage (after `npm run build`): node scripts/planner/write-schema.mjs
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { scenarioSchema } from '../../dist/planner/plan/scenario-schema.js';

const out = fileURLToPath(new URL('../../data/schemas/scenario.schema.json', import.meta.url));
const schema = z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' });
writeFileSync(
  out,
  `${JSON.stringify({ ...schema, title: 'Sahelsat planning scenario' }, null, 2)}\n`,
);
console.log(`wrote ${out}`);
