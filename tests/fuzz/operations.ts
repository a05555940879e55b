import { getOpenApiDocument } from '../../lib/openapi/document';

// The operations the fuzzer calls: every operation of the OpenAPI document (the native API and the
// compatibility dialects), with the schemas of its parameters and body resolved from the document.

export type JsonSchema = Record<string, unknown>;

export interface FuzzParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonSchema;
}

export interface FuzzOperation {
  /** e.g. "PATCH /api/v1/deals/{id}" */
  id: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** the full path template, server prefix included */
  path: string;
  parameters: FuzzParameter[];
  body: JsonSchema | null;
}

interface OpenApiDocument {
  servers?: { url: string }[];
  paths: Record<string, Record<string, unknown> & { servers?: { url: string }[] }>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function getDocument(): OpenApiDocument {
  return getOpenApiDocument() as unknown as OpenApiDocument;
}

/** Follows a local $ref (#/components/schemas/Name) until a schema without one. */
export function resolveSchema(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < 20; hops += 1) {
    const name = current.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`The OpenAPI document has no schema ${current.$ref}`);
    current = target;
  }
  return current;
}

export function listOperations(): FuzzOperation[] {
  const document = getDocument();
  const operations: FuzzOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as
        | { servers?: { url: string }[]; parameters?: FuzzParameter[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }
        | undefined;
      if (!operation) continue;
      const server = (operation.servers ?? item.servers ?? document.servers ?? [{ url: '' }])[0]!.url.replace(/\/$/, '');
      const fullPath = `${server}${path}`;
      operations.push({
        id: `${method.toUpperCase()} ${fullPath}`,
        method: method.toUpperCase() as FuzzOperation['method'],
        path: fullPath,
        parameters: (operation.parameters ?? []).map((parameter) => ({
          name: parameter.name,
          in: parameter.in,
          required: parameter.required ?? parameter.in === 'path',
          schema: parameter.schema ?? { type: 'string' },
        })),
        body: operation.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return operations;
}
