import { z } from 'zod';
import { acceptedText, queryFlagSchema } from './common';
import { limitSchema } from '../api/pagination';

// Users, passwords and roles: shared by the sign-in pages, the users settings, the CLI and the API.

export const USER_ROLES = ['rep', 'manager', 'admin'] as const;
export const userRoleSchema = z.enum(USER_ROLES, { error: 'Role must be rep, manager or admin' });

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
export const passwordSchema = z
  .string({ error: 'Choose a password' })
  .min(PASSWORD_MIN_LENGTH, `At least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `At most ${PASSWORD_MAX_LENGTH} characters`);

export const emailSchema = z
  .string({ error: 'Enter an email address' })
  .trim()
  .toLowerCase()
  .max(254, 'At most 254 characters')
  .pipe(z.email({ error: 'Enter a valid email address' }));

export const userNameSchema = z.string({ error: 'Enter a name' }).trim().min(1, 'Enter a name').max(100, 'At most 100 characters');

export const createFirstAdminInput = z.strictObject({
  name: userNameSchema,
  email: emailSchema,
  password: passwordSchema,
});
export type CreateFirstAdminInput = z.infer<typeof createFirstAdminInput>;

export const createUserInput = z.strictObject({
  name: userNameSchema,
  email: emailSchema,
  role: userRoleSchema.default('rep'),
  password: passwordSchema.optional(),
});
export type CreateUserInput = z.input<typeof createUserInput>;

// ——— native REST API (/api/v1/users) ———

/** POST /api/v1/users — the API always takes the password: a generated one would be kept in the Idempotency-Key replay table. */
export const createUserBody = z
  .strictObject({
    name: userNameSchema.meta({ example: 'Riley Rep' }),
    email: emailSchema.meta({ description: 'Unique, ignoring case; stored lower-case', example: 'riley@example.com' }),
    role: userRoleSchema.default('rep').meta({ description: 'rep (the default), manager or admin' }),
    password: passwordSchema.meta({
      description: `The first password (${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters); the user can change it under Account`,
    }),
  })
  .meta({ id: 'CreateUserBody' });
export type CreateUserBody = z.output<typeof createUserBody>;

/** PATCH /api/v1/users/:id */
export const updateUserBody = z
  .strictObject({
    name: userNameSchema.optional(),
    role: userRoleSchema.optional(),
    active: z
      .boolean({ error: 'active must be true or false' })
      .optional()
      .meta({ description: 'false deactivates (signs the user out everywhere; their API keys stop working), true reactivates' }),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one of name, role or active' })
  .meta({ id: 'UpdateUserBody' });
export type UpdateUserBody = z.output<typeof updateUserBody>;

/** GET /api/v1/users */
export const listUsersQuery = z.strictObject({
  limit: limitSchema,
  cursor: z.string().optional(),
  active: queryFlagSchema('active').optional().meta({ description: 'true: only active users; false: only deactivated ones' }),
});
export type ListUsersQuery = z.output<typeof listUsersQuery>;

/** A user as the API shows it. */
export const userResponseSchema = z
  .object({
    id: z.string().meta({ example: 'user_k5R8sPqW2z' }),
    number: z.number().int().meta({ description: 'The integer identity behind id', example: 3 }),
    name: z.string(),
    email: z.string(),
    role: z.enum(USER_ROLES),
    active: z.boolean().meta({ description: 'false once deactivated: cannot sign in, API keys refused' }),
    last_sign_in_at: z.string().nullable().meta({ example: '2026-03-16T12:00:00Z' }),
    created_at: z.string().meta({ example: '2026-03-16T12:00:00Z' }),
  })
  .meta({ id: 'User' });
export type UserJson = z.output<typeof userResponseSchema>;

export const createInvitationInput = z.strictObject({
  email: emailSchema,
  role: userRoleSchema.default('rep'),
  name: userNameSchema.optional(),
});
export type CreateInvitationInput = z.input<typeof createInvitationInput>;

export const acceptInvitationInput = z.strictObject({
  token: acceptedText(z.string().min(10, 'This invitation link is not valid').max(200, 'This invitation link is not valid'), 'The invitation link'),
  name: userNameSchema,
  password: passwordSchema,
});
export type AcceptInvitationInput = z.infer<typeof acceptInvitationInput>;
