import { readFileSync } from 'node:fs';
import { parseSpot5 } from '/work/wt/spot5/dist/io/spot5.js';
import loadHighs from 'highs';
const highs = await loadHighs();
const f = process.argv[2]; const tl = Number(process.argv[3] ?? 30);
const inst = parseSpot5(readFileSync('/work/shared/reference/spot5/'+f+'.spot','utf8'));
// columns: per (photo, option)
const col = []; const colOf = new Map();
inst.photos.forEach(p => p.options.forEach(o => { colOf.set(p.id+':'+o.value, col.length); col.push({p, o}); }));
const rows = []; // {idx:[], val:[], ub}
for (const p of inst.photos) if (p.options.length>1) rows.push({idx:p.options.map(o=>colOf.get(p.id+':'+o.value)), val:p.options.map(()=>1), ub:1});
for (const c of inst.constraints) for (const t of c.forbidden) {
  rows.push({idx: c.vars.map((v,a)=>colOf.get(v+':'+t[a])), val: c.vars.map(()=>1), ub: c.vars.length-1});
}
if (inst.capacity!==null) rows.push({idx: col.map((_,i)=>i), val: col.map(c=>c.o.consumption), ub: inst.capacity});
// CSR
const start=[0], index=[], value=[];
for (const r of rows) { index.push(...r.idx); value.push(...r.val); start.push(index.length); }
const t0=performance.now();
const model = highs.createModel({
  numCols: col.length, numRows: rows.length, sense: highs.constants.objectiveSense.maximize, offset: 0,
  colCost: new Float64Array(col.map(c=>c.p.weight)), colLower: new Float64Array(col.length), colUpper: new Float64Array(col.length).fill(1),
  rowLower: new Float64Array(rows.length).fill(-highs.infinity), rowUpper: new Float64Array(rows.map(r=>r.ub)),
  matrix: { format: 'csr', numRows: rows.length, numCols: col.length, starts: new Int32Array(start), indices: new Int32Array(index), values: new Float64Array(value) },
  integrality: new Int32Array(col.length).fill(1),
});
model.options.set({output_flag:false, time_limit: tl});
model.run();
console.log(f, 'status', model.getModelStatus(), 'obj', model.getObjectiveValue(), 'bound', model.info.get('mip_dual_bound'), 'nodes', model.info.get('mip_node_count'), ((performance.now()-t0)/1000).toFixed(2)+'s');
model.dispose();
