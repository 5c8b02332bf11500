/**
 * Loads what the scenario generator (planner/plan/generator.ts) draws from: the demo
 * constellation's imaging satellites with their sensors, the national stations, and the
 * bundled towns, regions and border strips of data/aoi.
 */
import type { GeneratorInputs } from '../planner/plan/generator.js';
import { loadBundledAoiLayer } from './bundled-aoi.js';
import { loadBundledStations, loadDemoConstellation } from './bundled-data.js';
import { loadBundledSensors } from './sensors.js';

export function loadGeneratorInputs(): GeneratorInputs {
  const sensors = loadBundledSensors();
  const satellites = loadDemoConstellation().flatMap((s) => {
    const sensor = sensors.find((x) => x.id === s.sensorId);
    if (!sensor) return [];
    const { source: _source, ...plain } = sensor as typeof sensor & { source?: string };
    return [{ id: s.id, design: s.design, sensor: plain }];
  });
  return {
    satellites,
    stations: loadBundledStations().map((s) => ({
      id: s.id,
      name: s.name,
      latitudeDeg: s.latitudeDeg,
      longitudeDeg: s.longitudeDeg,
      altitudeM: s.altitudeM,
      minElevationDeg: s.minElevationDeg,
    })),
    towns: loadBundledAoiLayer('towns'),
    regions: loadBundledAoiLayer('regions'),
    borderStrips: loadBundledAoiLayer('border-strips'),
  };
}
