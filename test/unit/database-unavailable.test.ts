import assert from 'node:assert/strict';
import { it } from 'node:test';
import { isDatabaseUnavailable } from '../../src/db/database-unavailable.js';

it('tells a database that cannot be reached from a query that is wrong', () => {
  for (const error of [
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
    Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    Object.assign(new Error('connection failure'), { code: '08006' }),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect'),
  ])
    assert.equal(isDatabaseUnavailable(error), true, error.message);
  for (const error of [
    Object.assign(new Error('syntax error at or near "x"'), { code: '42601' }),
    Object.assign(new Error('invalid byte sequence'), { code: '22021' }),
    new Error('boom'),
    null,
    'ECONNREFUSED',
  ])
    assert.equal(isDatabaseUnavailable(error), false, String(error));
});
