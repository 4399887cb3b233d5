import { describe, expect, it } from 'vitest';
import { buildQuery } from './client.ts';
import { ApiError, conflictCurrent, parseErrorBody, validationIssues } from './errors.ts';

describe('API errors', () => {
  it('parses the error body', () => {
    expect(parseErrorBody({ error: { code: 'X', message: 'm' } })).toEqual({
      code: 'X',
      message: 'm',
      details: undefined,
    });
    expect(parseErrorBody({ message: 'nope' })).toBeNull();
    expect(parseErrorBody('text')).toBeNull();
  });

  it('maps VALIDATION_FAILED details onto field paths', () => {
    const err = new ApiError(400, 'VALIDATION_FAILED', 'bad', [
      { path: 'email', message: 'invalid email' },
      { path: 'items.0.name', message: 'required' },
      { path: '', message: 'whole body' },
    ]);
    expect(validationIssues(err)).toEqual([
      { name: ['email'], message: 'invalid email' },
      { name: ['items', 0, 'name'], message: 'required' },
      { name: [], message: 'whole body' },
    ]);
    expect(
      validationIssues(new ApiError(409, 'EMAIL_TAKEN', 'taken', [{ path: 'email', message: 'x' }])),
    ).toEqual([]);
  });

  it('extracts the current record of a version conflict', () => {
    const err = new ApiError(409, 'VERSION_CONFLICT', 'changed', { current: { id: '1', version: 3 } });
    expect(conflictCurrent(err)).toEqual({ id: '1', version: 3 });
    expect(conflictCurrent(new ApiError(409, 'TEAM_NOT_EMPTY', 'x'))).toBeNull();
  });
});

describe('buildQuery', () => {
  it('drops empty values', () => {
    expect(buildQuery({ page: 1, q: '', sort: undefined, teamId: null, status: 'active' })).toBe(
      '?page=1&status=active',
    );
    expect(buildQuery({})).toBe('');
  });
});
