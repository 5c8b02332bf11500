import { z } from 'zod';
import { IsoInstant, Nation, Role } from './common.js';

export const Username = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9._-]{1,31}$/,
    'lower-case letters, digits, ".", "_" or "-", 2 to 32 characters',
  );
/** At least 10 characters: argon2 protects the stored hash, not a guessable password. */
export const Password = z.string().min(10).max(200);

export const LoginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(200),
});

export const UserOut = z
  .object({
    id: z.string(),
    username: z.string(),
    role: Role,
    nation: Nation,
    disabled: z.boolean(),
    createdAt: IsoInstant,
    updatedAt: IsoInstant,
  })
  .meta({ id: 'User' });

export const SessionOut = z
  .object({
    id: z.string(),
    createdAt: IsoInstant,
    expiresAt: IsoInstant,
    userAgent: z.string().nullable(),
    ip: z.string().nullable(),
    current: z.boolean(),
  })
  .meta({ id: 'Session' });

export const LoginOut = z.object({
  token: z.string().describe('bearer token: send as "Authorization: Bearer <token>"'),
  expiresAt: IsoInstant,
  user: UserOut,
});

export const MeOut = z.object({ user: UserOut, session: SessionOut });

export const PasswordChangeBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: Password,
});

export const NewUserBody = z.strictObject({
  username: Username,
  password: Password,
  role: Role,
  nation: Nation,
});

export const UserPatchBody = z
  .strictObject({
    role: Role.optional(),
    nation: Nation.optional(),
    disabled: z.boolean().optional(),
    password: Password.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'nothing to change' });
