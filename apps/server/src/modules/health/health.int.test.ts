import { describe, expect, it } from 'vitest';
import { call, useTestApp } from '../../../test/harness.ts';

describe('health, OpenAPI and docs', () => {
  const t = useTestApp();

  it('reports database reachability', async () => {
    const res = await call(t.app, null, 'GET', '/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('serves an OpenAPI document generated from the route schemas', async () => {
    const res = await call(t.app, null, 'GET', '/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/users', '/api/v1/users/{id}']),
    );
    // The request body schema comes from the same zod schema that validates it.
    const login = doc.paths['/api/v1/auth/login'].post.requestBody.content['application/json'].schema;
    expect(login.required).toEqual(['email', 'password']);
    expect(login.additionalProperties).toBe(false);
  });

  it('serves the API docs page', async () => {
    const res = await call(t.app, null, 'GET', '/api/docs/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/html/);
  });

  it('answers unknown API paths with a coded 404 in the request language', async () => {
    const zh = await call(t.app, null, 'GET', '/api/v1/nope');
    expect(zh.statusCode).toBe(404);
    expect(zh.json().error).toMatchObject({ code: 'NOT_FOUND', message: '找不到该记录' });
    const en = await call(t.app, { lang: 'en-US,en;q=0.9' }, 'GET', '/api/v1/nope');
    expect(en.json().error.message).toBe('Not found');
  });
});
