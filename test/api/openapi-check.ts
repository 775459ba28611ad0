import fs from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import type { Response } from 'supertest';
import { OPENAPI_FILE } from '../../src/web/api/routes';

/**
 * Checks a real response against the repository's OpenAPI document: the operation must declare the
 * status, the content type must be one it declares, and a JSON body must satisfy the schema.
 */
interface MediaType {
  schema?: unknown;
}
interface ResponseObject {
  $ref?: string;
  content?: Record<string, MediaType>;
  headers?: Record<string, unknown>;
}

export const openapi = JSON.parse(fs.readFileSync(OPENAPI_FILE, 'utf8')) as {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
  components: { responses: Record<string, ResponseObject> };
};

const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema(openapi as object, 'openapi.json');

export function expectMatchesOpenApi(path: string, method: string, res: Response): void {
  const op = openapi.paths[path]?.[method];
  if (!op) throw new Error(`the OpenAPI document has no ${method.toUpperCase()} ${path}`);
  let declared = op.responses[String(res.status)];
  if (!declared) throw new Error(`${method.toUpperCase()} ${path} does not declare status ${res.status}`);
  if (declared.$ref) declared = openapi.components.responses[declared.$ref.split('/').pop() as string] as ResponseObject;
  const type = String(res.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
  const media = declared.content?.[type];
  if (!media) throw new Error(`${method.toUpperCase()} ${path} ${res.status} does not declare ${type}`);
  for (const header of Object.keys(declared.headers ?? {})) {
    if (res.headers[header.toLowerCase()] === undefined) throw new Error(`${method.toUpperCase()} ${path} ${res.status} lacks the ${header} header`);
  }
  if (!type.endsWith('json')) return;
  const pointer = `openapi.json#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${res.status}`;
  const schemaRef = (declared as ResponseObject & { content: Record<string, MediaType> }) === op.responses[String(res.status)]
    ? `${pointer}/content/${type.replace(/\//g, '~1')}/schema`
    : `openapi.json#/components/responses/${(op.responses[String(res.status)]?.$ref ?? '').split('/').pop()}/content/${type.replace(/\//g, '~1')}/schema`;
  const validate = ajv.getSchema(schemaRef) ?? ajv.compile({ $ref: schemaRef });
  const body: unknown = JSON.parse(res.text);
  if (!validate(body)) throw new Error(`${method.toUpperCase()} ${path} ${res.status}: ${ajv.errorsText(validate.errors)}`);
}
