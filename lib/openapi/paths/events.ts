import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { CHANGE_EVENT_TYPES } from '../../change-record/event-types';
import { changeEventSchema, dealChangesQuery, eventPageSchema, eventStreamHeaders, eventStreamQuery, listEventsQuery } from '../../schemas/change-event';
import { errorResponses, idPathParam, listEnvelope } from '../common';

const ROLE_NOTE =
  "A key reads what its owner's role may: reps every deal and its records, contacts, companies, pipelines, stages, products, custom fields and loss reasons; managers also users; admins everything (API keys, settings). Other events are left out of the answer; naming a type or record_type the role may not read is refused with 403.";

const TYPE_LIST = CHANGE_EVENT_TYPES.map((entry) => `- \`${entry.type}\` — ${entry.description}`).join('\n');

export const eventsPaths: ZodOpenApiPathsObject = {
  '/events': {
    get: {
      operationId: 'listEvents',
      tags: ['Events'],
      summary: 'Read the change record after an event id',
      description: [
        'Every change, oldest first, one event per change, in commit order: an integration keeps the id of the last event it processed and asks again with `after=<id>`; no event is ever skipped or repeated, even while writes continue. `has_more` says more are already waiting; `next_cursor` is the `after` to send next.',
        ROLE_NOTE,
        `Event types (each with its own schema, \`…Event\`):\n${TYPE_LIST}`,
      ].join('\n\n'),
      requestParams: { query: listEventsQuery },
      responses: {
        '200': { description: 'A page of events', content: { 'application/json': { schema: eventPageSchema } } },
        ...errorResponses(400, 403),
      },
    },
  },
  '/events/stream': {
    get: {
      operationId: 'streamEvents',
      tags: ['Events'],
      summary: 'The change record as Server-Sent Events',
      description: [
        'The same events as GET /events, pushed as they commit: each as `id: <event id>` and `data: <event JSON>`. Reconnect with the `Last-Event-ID` header (browsers do so themselves) or `?after=` to receive exactly the events you missed, then live ones. A comment line every 25 seconds keeps the connection open.',
        ROLE_NOTE,
      ].join('\n\n'),
      requestParams: { query: eventStreamQuery, header: eventStreamHeaders },
      responses: {
        '200': {
          description: 'An endless text/event-stream; each `data:` line is a ChangeEvent',
          content: { 'text/event-stream': { schema: z.string().meta({ example: 'id: 1042\ndata: {"id":1042,"type":"deal.updated",…}\n\n' }) } },
        },
        ...errorResponses(400, 403),
      },
    },
  },
  '/deals/{id}/changes': {
    get: {
      operationId: 'listDealChanges',
      tags: ['Deals'],
      summary: "A deal's changes",
      description:
        'Every change to the deal and to its links, line items, activities and tasks, oldest first, with who made it and through which channel. Cursor pagination.',
      requestParams: { path: idPathParam('deal_k5R8sPqW2z'), query: dealChangesQuery },
      responses: {
        '200': { description: 'A page of events', content: { 'application/json': { schema: listEnvelope(changeEventSchema) } } },
        ...errorResponses(400, 404),
      },
    },
  },
};
