/** User accounts (admins). */
import { z } from 'zod';
import { callerOf } from '../auth-hook.js';
import { userOut } from '../dto.js';
import { NewUserBody, UserOut, UserPatchBody } from '../schemas/auth.js';
import { COMMON_ERRORS, IdParams } from '../schemas/common.js';
import type { RoutePlugin } from './plugin.js';

export const userRoutes: RoutePlugin = async (app, { services: { users } }) => {
  app.get('/users', {
    schema: {
      tags: ['users'],
      summary: 'Users the admin manages',
      response: { 200: z.array(UserOut), ...COMMON_ERRORS },
    },
    handler: async (req) => (await users.list(callerOf(req))).map(userOut),
  });
  app.post('/users', {
    schema: {
      tags: ['users'],
      summary: 'Create a user',
      body: NewUserBody,
      response: { 201: UserOut, ...COMMON_ERRORS },
    },
    handler: async (req, reply) =>
      reply.code(201).send(userOut(await users.create(callerOf(req), req.body))),
  });
  app.get('/users/:id', {
    schema: {
      tags: ['users'],
      summary: 'A user (oneself, or one the admin manages)',
      params: IdParams,
      response: { 200: UserOut, ...COMMON_ERRORS },
    },
    handler: async (req) => userOut(await users.get(callerOf(req), req.params.id)),
  });
  app.patch('/users/:id', {
    schema: {
      tags: ['users'],
      summary: 'Change a user’s role, nation, password, or disable it (their sessions end)',
      params: IdParams,
      body: UserPatchBody,
      response: { 200: UserOut, ...COMMON_ERRORS },
    },
    handler: async (req) => userOut(await users.update(callerOf(req), req.params.id, req.body)),
  });
};
