import type { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { createUserBody, listUsersQuery, updateUserBody, userResponseSchema } from '../../schemas/user';
import { dataEnvelope, errorResponses, idPathParam, listEnvelope } from '../common';

// Users: the people of the workspace, their roles and whether they may sign in.

const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const one = (description: string) => ({ description, ...json(dataEnvelope(userResponseSchema)) });

const userPath = idPathParam('user_k5R8sPqW2z');

export const usersPaths: ZodOpenApiPathsObject = {
  '/users': {
    get: {
      tags: ['Users'],
      operationId: 'listUsers',
      summary: 'List users',
      description:
        'Every user by name, deactivated ones included unless `active` filters them, with cursor pagination. Admins and managers only (403 for reps).',
      requestParams: { query: listUsersQuery },
      responses: { '200': { description: 'A page of users', ...json(listEnvelope(userResponseSchema)) }, ...errorResponses(400, 403) },
    },
    post: {
      tags: ['Users'],
      operationId: 'createUser',
      summary: 'Add a user',
      description:
        'The user can sign in at once with the email and password given (the API never makes one up; the CLI `user create` and Settings → Users can). An email already in use, ignoring case, is a 409. Admins only.',
      requestBody: json(createUserBody),
      responses: { '201': one('The new user'), ...errorResponses(400, 403, 409, 413) },
    },
  },
  '/users/me': {
    get: {
      tags: ['Users'],
      operationId: 'getCurrentUser',
      summary: 'Get the user of this API key',
      description: 'The user the API key acts as, with their role. Every role may call it.',
      responses: { '200': one('The user of this API key'), ...errorResponses() },
    },
  },
  '/users/{id}': {
    get: {
      tags: ['Users'],
      operationId: 'getUser',
      summary: 'Get a user',
      description: 'Yourself, or anyone for admins and managers (403 for a rep asking about someone else).',
      requestParams: { path: userPath },
      responses: { '200': one('The user'), ...errorResponses(403, 404) },
    },
    patch: {
      tags: ['Users'],
      operationId: 'updateUser',
      summary: 'Rename, change the role of, deactivate or reactivate a user',
      description:
        'Only the fields sent change, all or nothing. `active: false` deactivates: the user cannot sign in, is signed out of every browser at once, and their API keys are refused; their deals keep them as owner. `active: true` reactivates them with the role and keys they had. The workspace always keeps an active admin: demoting or deactivating the last one is a 409. Nobody deactivates themself (422). Admins only.',
      requestParams: { path: userPath },
      requestBody: json(updateUserBody),
      responses: { '200': one('The updated user'), ...errorResponses(400, 403, 404, 409, 413, 422) },
    },
  },
};
