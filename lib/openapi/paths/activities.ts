import type { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { activityResponseSchema, createActivityBody, listActivitiesQuery, listDealActivitiesQuery, updateActivityBody } from '../../schemas/activity';
import { createCustomFieldBody, customFieldResponseSchema, listCustomFieldsQuery, updateCustomFieldBody } from '../../schemas/custom-field';
import { createProductBody, listProductsQuery, productResponseSchema, updateProductBody } from '../../schemas/product';
import { createTaskBody, listDealTasksQuery, listTasksQuery, taskResponseSchema, updateTaskBody } from '../../schemas/task';
import { dataEnvelope, errorResponses, idPathParam, listEnvelope } from '../common';

// Products, activities, tasks and custom field definitions, and a deal's activities and tasks.

const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const one = <S extends z.ZodType>(schema: S, description: string) => ({ description, ...json(dataEnvelope(schema)) });
const page = <S extends z.ZodType>(schema: S, description: string) => ({ description, ...json(listEnvelope(schema)) });
const deleted = { '204': { description: 'Deleted' } };

const productPath = idPathParam('prod_k5R8sPqW2z');
const activityPath = idPathParam('act_k5R8sPqW2z');
const taskPath = idPathParam('task_k5R8sPqW2z');
const customFieldPath = idPathParam('cf_k5R8sPqW2z');
const dealPath = idPathParam('deal_k5R8sPqW2z');

const MANAGERS = 'Managers and admins only (403 for reps).';

export const activitiesPaths: ZodOpenApiPathsObject = {
  // ——— products ———
  '/products': {
    get: {
      tags: ['Products'],
      operationId: 'listProducts',
      summary: 'List products',
      description: 'The product catalog by name (or by created_at with sort=created_at), with cursor pagination.',
      requestParams: { query: listProductsQuery },
      responses: { '200': page(productResponseSchema, 'A page of products'), ...errorResponses(400) },
    },
    post: {
      tags: ['Products'],
      operationId: 'createProduct',
      summary: 'Create a product',
      description: `${MANAGERS} unit_price is in minor units, tax_rate a percent (7.5). A SKU already in use is a 409.`,
      requestBody: json(createProductBody),
      responses: { '201': one(productResponseSchema, 'The new product'), ...errorResponses(400, 403, 409, 413) },
    },
  },
  '/products/{id}': {
    get: {
      tags: ['Products'],
      operationId: 'getProduct',
      summary: 'Get a product',
      requestParams: { path: productPath },
      responses: { '200': one(productResponseSchema, 'The product'), ...errorResponses(404) },
    },
    patch: {
      tags: ['Products'],
      operationId: 'updateProduct',
      summary: 'Update a product',
      description: `${MANAGERS} Only the fields sent change; null (or an empty string) clears an optional field. Line items keep the price they were created with.`,
      requestParams: { path: productPath },
      requestBody: json(updateProductBody),
      responses: { '200': one(productResponseSchema, 'The updated product'), ...errorResponses(400, 403, 404, 409, 413) },
    },
    delete: {
      tags: ['Products'],
      operationId: 'deleteProduct',
      summary: 'Delete a product',
      description: `${MANAGERS} Only a product no line item uses can be deleted; otherwise 409 — deactivate it with PATCH {"active": false}.`,
      requestParams: { path: productPath },
      responses: { ...deleted, ...errorResponses(403, 404, 409) },
    },
  },

  // ——— activities ———
  '/activities': {
    get: {
      tags: ['Activities'],
      operationId: 'listActivities',
      summary: 'List activities',
      description: 'Activities latest first by (occurred_at desc, id desc), with cursor pagination. Activities of deleted deals are not listed.',
      requestParams: { query: listActivitiesQuery },
      responses: { '200': page(activityResponseSchema, 'A page of activities'), ...errorResponses(400) },
    },
    post: {
      tags: ['Activities'],
      operationId: 'createActivity',
      summary: 'Log an activity',
      description:
        "A call, meeting, email or note, completed and occurring now unless said otherwise, owned by you unless owner_id names someone. The deal's last_activity_at follows its latest completed activity. An unknown deal_id or owner_id is a 422.",
      requestBody: json(createActivityBody),
      responses: { '201': one(activityResponseSchema, 'The new activity'), ...errorResponses(400, 413, 422) },
    },
  },
  '/activities/{id}': {
    get: {
      tags: ['Activities'],
      operationId: 'getActivity',
      summary: 'Get an activity',
      requestParams: { path: activityPath },
      responses: { '200': one(activityResponseSchema, 'The activity'), ...errorResponses(404) },
    },
    patch: {
      tags: ['Activities'],
      operationId: 'updateActivity',
      summary: 'Update an activity',
      description:
        'Only the fields sent change; null clears deal_id, owner_id or body. The last_activity_at of the deal it was on and of the deal it is now on follow.',
      requestParams: { path: activityPath },
      requestBody: json(updateActivityBody),
      responses: { '200': one(activityResponseSchema, 'The updated activity'), ...errorResponses(400, 404, 413, 422) },
    },
    delete: {
      tags: ['Activities'],
      operationId: 'deleteActivity',
      summary: 'Delete an activity',
      description: "Deletes it for good; its deal's last_activity_at follows.",
      requestParams: { path: activityPath },
      responses: { ...deleted, ...errorResponses(404) },
    },
  },
  '/deals/{id}/activities': {
    get: {
      tags: ['Activities'],
      operationId: 'listDealActivities',
      summary: 'List activities for a deal',
      description: "The deal's activities latest first, with cursor pagination (404 for an unknown or deleted deal).",
      requestParams: { path: dealPath, query: listDealActivitiesQuery },
      responses: { '200': page(activityResponseSchema, "A page of the deal's activities"), ...errorResponses(400, 404) },
    },
  },

  // ——— tasks ———
  '/tasks': {
    get: {
      tags: ['Tasks'],
      operationId: 'listTasks',
      summary: 'List tasks',
      description:
        'Tasks oldest first by (created_at, id), with cursor pagination. due_after and due_before bound due_at (due_after ≤ due_at < due_before); overdue=true keeps pending tasks whose due_at has passed. Tasks of deleted deals are not listed.',
      requestParams: { query: listTasksQuery },
      responses: { '200': page(taskResponseSchema, 'A page of tasks'), ...errorResponses(400) },
    },
    post: {
      tags: ['Tasks'],
      operationId: 'createTask',
      summary: 'Create a task',
      description:
        'Pending with medium priority unless said otherwise, assigned to you unless assignee_id names someone. An unknown deal_id or assignee_id is a 422.',
      requestBody: json(createTaskBody),
      responses: { '201': one(taskResponseSchema, 'The new task'), ...errorResponses(400, 413, 422) },
    },
  },
  '/tasks/{id}': {
    get: {
      tags: ['Tasks'],
      operationId: 'getTask',
      summary: 'Get a task',
      requestParams: { path: taskPath },
      responses: { '200': one(taskResponseSchema, 'The task'), ...errorResponses(404) },
    },
    patch: {
      tags: ['Tasks'],
      operationId: 'updateTask',
      summary: 'Update a task',
      description: 'Only the fields sent change; null clears deal_id, due_at or assignee_id. status completed stamps completed_at; pending clears it.',
      requestParams: { path: taskPath },
      requestBody: json(updateTaskBody),
      responses: { '200': one(taskResponseSchema, 'The updated task'), ...errorResponses(400, 404, 413, 422) },
    },
    delete: {
      tags: ['Tasks'],
      operationId: 'deleteTask',
      summary: 'Delete a task',
      requestParams: { path: taskPath },
      responses: { ...deleted, ...errorResponses(404) },
    },
  },
  '/deals/{id}/tasks': {
    get: {
      tags: ['Tasks'],
      operationId: 'listDealTasks',
      summary: 'List tasks for a deal',
      description: "The deal's tasks oldest first, with cursor pagination (404 for an unknown or deleted deal).",
      requestParams: { path: dealPath, query: listDealTasksQuery },
      responses: { '200': page(taskResponseSchema, "A page of the deal's tasks"), ...errorResponses(400, 404) },
    },
  },

  // ——— custom field definitions ———
  '/custom-fields': {
    get: {
      tags: ['Custom fields'],
      operationId: 'listCustomFields',
      summary: 'List custom fields',
      description: "The deal custom field definitions by (position, id), with cursor pagination. A deal's custom_fields.<key> values follow them.",
      requestParams: { query: listCustomFieldsQuery },
      responses: { '200': page(customFieldResponseSchema, 'A page of custom field definitions'), ...errorResponses(400) },
    },
    post: {
      tags: ['Custom fields'],
      operationId: 'createCustomField',
      summary: 'Create a custom field',
      description: `${MANAGERS} select fields need options; other types have none. A key already in use is a 409.`,
      requestBody: json(createCustomFieldBody),
      responses: { '201': one(customFieldResponseSchema, 'The new custom field'), ...errorResponses(400, 403, 409, 413) },
    },
  },
  '/custom-fields/{id}': {
    get: {
      tags: ['Custom fields'],
      operationId: 'getCustomField',
      summary: 'Get a custom field',
      requestParams: { path: customFieldPath },
      responses: { '200': one(customFieldResponseSchema, 'The custom field'), ...errorResponses(404) },
    },
    patch: {
      tags: ['Custom fields'],
      operationId: 'updateCustomField',
      summary: 'Update a custom field',
      description: `${MANAGERS} label, options (select fields), required and position can change; key and type cannot (400).`,
      requestParams: { path: customFieldPath },
      requestBody: json(updateCustomFieldBody),
      responses: { '200': one(customFieldResponseSchema, 'The updated custom field'), ...errorResponses(400, 403, 404, 413) },
    },
    delete: {
      tags: ['Custom fields'],
      operationId: 'deleteCustomField',
      summary: 'Delete a custom field',
      description: `${MANAGERS} Also removes its value from every deal.`,
      requestParams: { path: customFieldPath },
      responses: { ...deleted, ...errorResponses(403, 404) },
    },
  },
};
