import type { Response } from 'supertest';
import { expectMatchesOpenApi } from './openapi-check';

/** The checker itself: a response that drifts from the document must fail it. */
const fake = (status: number, type: string, body: unknown) =>
  ({ status, headers: { 'content-type': type }, text: JSON.stringify(body) }) as unknown as Response;

describe('the OpenAPI response check', () => {
  it('accepts a documented answer', () => {
    expect(() => expectMatchesOpenApi('/lookups', 'post', fake(200, 'application/json', { result: 'none', matches: [] }))).not.toThrow();
  });

  it.each([
    ['an undocumented field', fake(200, 'application/json', { result: 'none', matches: [], extra: 1 })],
    ['a wrong enum value', fake(200, 'application/json', { result: 'maybe', matches: [] })],
    ['an undocumented status', fake(418, 'application/json', {})],
    ['a problem without its detail', fake(422, 'application/problem+json', { type: 'x', title: 'x', status: 422 })],
    ['a 401 problem without WWW-Authenticate', fake(401, 'application/problem+json', { type: 'x', title: 'x', status: 401, detail: 'x' })],
  ])('refuses %s', (_what, res) => {
    expect(() => expectMatchesOpenApi('/lookups', 'post', res)).toThrow();
  });
});
