/** Satellites and element sets, stations, sensors, areas of interest, passes, access windows. */
import { z } from 'zod';
import { parseIsoUtc } from '../../core/time.js';
import { callerOf } from '../auth-hook.js';
import { aoiOut, elementSetOut, satelliteOut, sensorOut, stationOut } from '../dto.js';
import {
  AccessOut,
  AccessQuery,
  AoiOut,
  ElementSetOut,
  ImportJsonBody,
  ImportOut,
  ImportQuery,
  NewAoiBody,
  PassesOut,
  PassesQuery,
  SatelliteDetailOut,
  SatelliteOut,
  SensorOut,
  StationOut,
} from '../schemas/catalogue.js';
import { COMMON_ERRORS, ErrorBody, IdParams } from '../schemas/common.js';
import type { RoutePlugin } from './plugin.js';

export const catalogueRoutes: RoutePlugin = async (
  app,
  { services: { catalogue, access }, limits },
) => {
  app.get('/satellites', {
    schema: {
      tags: ['catalogue'],
      summary: 'Satellites',
      response: { 200: z.array(SatelliteOut), ...COMMON_ERRORS },
    },
    handler: async () => (await catalogue.listSatellites()).map(satelliteOut),
  });
  app.post('/satellites/import', {
    bodyLimit: limits.importBodyBytes,
    schema: {
      tags: ['catalogue'],
      summary:
        'Import element sets: a TLE or OMM (JSON, XML, KVN) file as text/plain, or JSON {format?, text, source?}. Good entries land together; bad ones are listed by line; the element-set history is kept.',
      querystring: ImportQuery,
      body: z.union([
        z.string().min(1).describe('TLE (2- or 3-line) or OMM text, sent as text/plain'),
        ImportJsonBody,
      ]),
      response: { 200: ImportOut, 413: ErrorBody, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const b = req.body;
      const text = typeof b === 'string' ? b : b.text;
      const source = (typeof b === 'string' ? undefined : b.source) ?? req.query.source ?? 'upload';
      const format = (typeof b === 'string' ? undefined : b.format) ?? req.query.format;
      return catalogue.importCatalog(callerOf(req), text, source, format);
    },
  });
  app.get('/satellites/:id', {
    schema: {
      tags: ['catalogue'],
      summary: 'A satellite with its newest element set',
      params: IdParams,
      response: { 200: SatelliteDetailOut, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const { satellite, elementSet } = await catalogue.satellite(req.params.id);
      return {
        ...satelliteOut(satellite),
        elementSet: elementSet ? elementSetOut(elementSet) : null,
      };
    },
  });
  app.get('/satellites/:id/element-sets', {
    schema: {
      tags: ['catalogue'],
      summary: 'Element-set history of a satellite, newest first',
      params: IdParams,
      response: { 200: z.array(ElementSetOut), ...COMMON_ERRORS },
    },
    handler: async (req) => (await catalogue.elementSets(req.params.id)).map(elementSetOut),
  });
  app.get('/stations', {
    schema: {
      tags: ['catalogue'],
      summary: 'Ground stations',
      response: { 200: z.array(StationOut), ...COMMON_ERRORS },
    },
    handler: async () => (await catalogue.listStations()).map(stationOut),
  });
  app.get('/stations/:id', {
    schema: {
      tags: ['catalogue'],
      summary: 'A ground station',
      params: IdParams,
      response: { 200: StationOut, ...COMMON_ERRORS },
    },
    handler: async (req) => stationOut(await catalogue.station(req.params.id)),
  });
  app.get('/sensors', {
    schema: {
      tags: ['catalogue'],
      summary: 'Sensors of the constellation',
      response: { 200: z.array(SensorOut), ...COMMON_ERRORS },
    },
    handler: async () => (await catalogue.listSensors()).map(sensorOut),
  });
  app.get('/aois', {
    schema: {
      tags: ['catalogue'],
      summary: 'Areas of interest visible to the caller',
      response: { 200: z.array(AoiOut), ...COMMON_ERRORS },
    },
    handler: async (req) => (await catalogue.listAois(callerOf(req))).map(aoiOut),
  });
  app.post('/aois', {
    schema: {
      tags: ['catalogue'],
      summary: 'Create an area of interest',
      body: NewAoiBody,
      response: { 201: AoiOut, ...COMMON_ERRORS },
    },
    handler: async (req, reply) =>
      reply.code(201).send(aoiOut(await catalogue.createAoi(callerOf(req), req.body))),
  });
  app.get('/aois/:id', {
    schema: {
      tags: ['catalogue'],
      summary: 'An area of interest',
      params: IdParams,
      response: { 200: AoiOut, ...COMMON_ERRORS },
    },
    handler: async (req) => aoiOut(await catalogue.aoi(callerOf(req), req.params.id)),
  });
  app.get('/passes', {
    schema: {
      tags: ['catalogue'],
      summary: 'Passes of every satellite over a station, e.g. ?station=bamako&hours=24',
      querystring: PassesQuery,
      response: { 200: PassesOut, ...COMMON_ERRORS },
    },
    handler: async (req, reply) => {
      const q = req.query;
      // Already validated and serialised JSON text (shared by concurrent callers).
      const json = await catalogue.passesJson(
        q.station,
        q.start ? parseIsoUtc(q.start, 'query.start') : undefined,
        q.hours,
        q.satellite,
      );
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  });
  app.get('/access', {
    schema: {
      tags: ['catalogue'],
      summary:
        'Imaging access windows of an area (aoi, area, bbox or point) for the stored satellites and sensors, e.g. ?area=Gao&hours=24',
      querystring: AccessQuery,
      response: { 200: AccessOut, ...COMMON_ERRORS },
    },
    handler: async (req) => {
      const q = req.query;
      return access.windows(callerOf(req), {
        ...q,
        startMs: q.start ? parseIsoUtc(q.start, 'query.start') : undefined,
      });
    },
  });
};
