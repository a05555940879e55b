import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import {
  createLostReasonBody,
  listLostReasonsQuery,
  lostReasonSchema,
  lostReasonSettingsSchema,
  updateLostReasonBody,
  updateLostReasonSettingsBody,
} from '../../schemas/lost-reason';
import { createPipelineBody, pipelineSchema, updatePipelineBody } from '../../schemas/pipeline';
import { createStageBody, deleteStageBody, deleteStageQuery, stageSchema, updateStageBody } from '../../schemas/stage';
import { dataEnvelope, errorResponses, idPathParam, listEnvelope, paginationQuery } from '../common';

// Pipelines, stages, lost reasons and the lost-reason setting.

const json = <S extends z.ZodType>(schema: S) => ({ content: { 'application/json': { schema } } });
const noContent = { '204': { description: 'Deleted' } } as const;

const pipelinePath = { path: idPathParam('pipe_k5R8sPqW2z') };
const stagePath = { path: idPathParam('stg_k5R8sPqW2z') };
const lostReasonPath = { path: idPathParam('lr_k5R8sPqW2z') };

export const pipelinesPaths: ZodOpenApiPathsObject = {
  '/pipelines': {
    get: {
      operationId: 'listPipelines',
      tags: ['Pipelines'],
      summary: 'List pipelines',
      description: 'The pipelines ordered by position, each with its stages in board order. Everyone may read.',
      requestParams: { query: z.object(paginationQuery) },
      responses: { '200': { description: 'A page of pipelines', ...json(listEnvelope(pipelineSchema)) }, ...errorResponses(400) },
    },
    post: {
      operationId: 'createPipeline',
      tags: ['Pipelines'],
      summary: 'Create a pipeline with its stages',
      description:
        'Creates the pipeline at the end of the list with the stages in the order given, in one transaction. ' +
        'It becomes the default when `is_default` is true, or when no pipeline is the default yet. ' +
        'A stage’s probability defaults to 100 for a won stage and 0 otherwise. Managers and admins only.',
      requestBody: json(createPipelineBody),
      responses: { '201': { description: 'The new pipeline', ...json(dataEnvelope(pipelineSchema)) }, ...errorResponses(400, 403, 409) },
    },
  },
  '/pipelines/{id}': {
    get: {
      operationId: 'getPipeline',
      tags: ['Pipelines'],
      summary: 'Get a pipeline',
      requestParams: pipelinePath,
      responses: { '200': { description: 'The pipeline', ...json(dataEnvelope(pipelineSchema)) }, ...errorResponses(404) },
    },
    patch: {
      operationId: 'updatePipeline',
      tags: ['Pipelines'],
      summary: 'Rename, make default, or reorder a pipeline',
      description:
        '`is_default: true` unsets the previous default in the same transaction; unsetting the default pipeline is a 409. ' +
        '`position` moves the pipeline and renumbers all pipelines 0..n-1. Managers and admins only.',
      requestParams: pipelinePath,
      requestBody: json(updatePipelineBody),
      responses: { '200': { description: 'The updated pipeline', ...json(dataEnvelope(pipelineSchema)) }, ...errorResponses(400, 403, 404, 409) },
    },
    delete: {
      operationId: 'deletePipeline',
      tags: ['Pipelines'],
      summary: 'Delete a pipeline',
      description:
        'Soft-deletes the pipeline and its stages. 409 while it holds deals, and for the only pipeline. ' +
        'When it was the default, the first remaining pipeline becomes the default. Managers and admins only.',
      requestParams: pipelinePath,
      responses: { ...noContent, ...errorResponses(403, 404, 409) },
    },
  },
  '/pipelines/{id}/stages': {
    get: {
      operationId: 'listStages',
      tags: ['Stages'],
      summary: 'List a pipeline’s stages',
      description: 'Ordered by position (board order).',
      requestParams: { ...pipelinePath, query: z.object(paginationQuery) },
      responses: { '200': { description: 'A page of stages', ...json(listEnvelope(stageSchema)) }, ...errorResponses(400, 404) },
    },
    post: {
      operationId: 'createStage',
      tags: ['Stages'],
      summary: 'Add a stage',
      description:
        'Inserts the stage at `position` (default, or past the end: at the end), shifting later stages; positions stay 0..n-1. ' + 'Managers and admins only.',
      requestParams: pipelinePath,
      requestBody: json(createStageBody),
      responses: { '201': { description: 'The new stage', ...json(dataEnvelope(stageSchema)) }, ...errorResponses(400, 403, 404, 409) },
    },
  },
  '/stages/{id}': {
    get: {
      operationId: 'getStage',
      tags: ['Stages'],
      summary: 'Get a stage',
      requestParams: stagePath,
      responses: { '200': { description: 'The stage', ...json(dataEnvelope(stageSchema)) }, ...errorResponses(404) },
    },
    patch: {
      operationId: 'updateStage',
      tags: ['Stages'],
      summary: 'Update or reorder a stage',
      description:
        '`position` moves the stage within its pipeline and renumbers the pipeline’s stages 0..n-1 in one transaction. ' +
        'A changed outcome applies to deals entering the stage; deals already in it keep their status. Managers and admins only.',
      requestParams: stagePath,
      requestBody: json(updateStageBody),
      responses: { '200': { description: 'The updated stage', ...json(dataEnvelope(stageSchema)) }, ...errorResponses(400, 403, 404) },
    },
    delete: {
      operationId: 'deleteStage',
      tags: ['Stages'],
      summary: 'Delete a stage',
      description:
        'Soft-deletes the stage. A pipeline’s only stage cannot be deleted (409). While the stage holds deals, give ' +
        '`move_deals_to` (query parameter or JSON body) naming another live stage of any pipeline (else 409; 422 for a ' +
        'stage that does not exist, was deleted, or is this one). In one transaction every deal then moves to the end of ' +
        'that stage (and its pipeline), takes its outcome as status (or reopens when it was won or lost and the target has ' +
        'none), and gets one stage-history entry with the reason `Stage "<name>" was deleted`. Managers and admins only.',
      requestParams: { ...stagePath, query: deleteStageQuery },
      requestBody: { required: false, ...json(deleteStageBody) },
      responses: { ...noContent, ...errorResponses(400, 403, 404, 409, 422) },
    },
  },
  '/lost-reasons': {
    get: {
      operationId: 'listLostReasons',
      tags: ['Lost reasons'],
      summary: 'List lost reasons',
      description: 'Ordered by position, inactive ones included unless `active` filters them.',
      requestParams: { query: listLostReasonsQuery },
      responses: { '200': { description: 'A page of lost reasons', ...json(listEnvelope(lostReasonSchema)) }, ...errorResponses(400) },
    },
    post: {
      operationId: 'createLostReason',
      tags: ['Lost reasons'],
      summary: 'Add a lost reason',
      description: 'Added active, at the end of the list. 409 when another reason has the same label (ignoring case). Managers and admins only.',
      requestBody: json(createLostReasonBody),
      responses: { '201': { description: 'The new lost reason', ...json(dataEnvelope(lostReasonSchema)) }, ...errorResponses(400, 403, 409) },
    },
  },
  '/lost-reasons/{id}': {
    get: {
      operationId: 'getLostReason',
      tags: ['Lost reasons'],
      summary: 'Get a lost reason',
      requestParams: lostReasonPath,
      responses: { '200': { description: 'The lost reason', ...json(dataEnvelope(lostReasonSchema)) }, ...errorResponses(404) },
    },
    patch: {
      operationId: 'updateLostReason',
      tags: ['Lost reasons'],
      summary: 'Relabel, (de)activate or reorder a lost reason',
      description: '`position` moves the reason and renumbers the list 0..n-1. Deals keep the reason text they have. Managers and admins only.',
      requestParams: lostReasonPath,
      requestBody: json(updateLostReasonBody),
      responses: { '200': { description: 'The updated lost reason', ...json(dataEnvelope(lostReasonSchema)) }, ...errorResponses(400, 403, 404, 409) },
    },
    delete: {
      operationId: 'deleteLostReason',
      tags: ['Lost reasons'],
      summary: 'Delete a lost reason',
      description: 'Deletes it for good; deals lost for this reason keep the text. Managers and admins only.',
      requestParams: lostReasonPath,
      responses: { ...noContent, ...errorResponses(403, 404) },
    },
  },
  '/settings/lost-reasons': {
    get: {
      operationId: 'getLostReasonSettings',
      tags: ['Lost reasons'],
      summary: 'Get the lost-reason setting',
      responses: { '200': { description: 'The setting', ...json(dataEnvelope(lostReasonSettingsSchema)) }, ...errorResponses() },
    },
    patch: {
      operationId: 'updateLostReasonSettings',
      tags: ['Lost reasons'],
      summary: 'Allow or forbid free-text loss reasons',
      description: 'With `allow_free_text: false` a lost deal’s `loss_reason` must be one of the active lost reasons. Managers and admins only.',
      requestBody: json(updateLostReasonSettingsBody),
      responses: { '200': { description: 'The setting', ...json(dataEnvelope(lostReasonSettingsSchema)) }, ...errorResponses(400, 403) },
    },
  },
};
