/**
 * Sensor files: the bundled library parses, every imaging satellite of the demo constellation
 * names a sensor of it, each entry cites its source; bad files fail with located errors.
 */
import { describe, expect, it } from 'vitest';
import { loadDemoConstellation } from '../../src/io/bundled-data.js';
import { loadBundledSensors, parseSensors } from '../../src/io/sensors.js';

describe('sensor files', () => {
  it('the bundled library covers the three kinds and the constellation’s satellites', () => {
    const sensors = loadBundledSensors();
    expect(new Set(sensors.map((s) => s.kind))).toEqual(new Set(['optical', 'sar', 'nadir']));
    for (const s of sensors) expect(s.source?.length ?? 0, s.id).toBeGreaterThan(20);
    const ids = new Set(sensors.map((s) => s.id));
    const sats = loadDemoConstellation();
    for (const sat of sats.filter((x) => x.role === 'optical' || x.role === 'sar')) {
      expect(sat.sensorId, sat.id).toBeDefined();
      expect(ids.has(sat.sensorId!), sat.id).toBe(true);
    }
    const iw = sensors.find((s) => s.id === 'sentinel-1-iw')!;
    expect(iw).toMatchObject({ incidenceNearDeg: 29.1, incidenceFarDeg: 46, lookSide: 'right' });
  });
  it('one sensor or a library; errors name the file, the line and the field', () => {
    expect(
      parseSensors('{"id":"a","name":"A","kind":"nadir","swathKm":100}', 'a.json')[0]!.kind,
    ).toBe('nadir');
    expect(() =>
      parseSensors(
        '{\n"id":"a",\n"name":"A",\n"kind":"optical",\n"maxOffNadirDeg":95\n}',
        'o.json',
      ),
    ).toThrow(/o\.json:5 \(maxOffNadirDeg\)/);
    expect(() => parseSensors('{"id":"a","name":"A","kind":"lidar"}', 'k.json')).toThrow(
      /k\.json.*\(kind\)/,
    );
    const dup = '{"id":"a","name":"A","kind":"nadir","swathKm":1}';
    expect(() => parseSensors(`{"sensors":[${dup},${dup}]}`, 'd.json')).toThrow(
      /duplicate sensor id "a"/,
    );
    expect(() =>
      parseSensors('{"id":"a","name":"A","kind":"nadir","swathKm":1,"fov":3}', 'x.json'),
    ).toThrow(/x\.json/);
  });
});
