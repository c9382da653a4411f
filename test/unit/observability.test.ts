import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { Driver } from 'neo4j-driver';
import { AppError } from '../../src/errors';
import { readPoolState } from '../../src/observability/driver-pool';
import {
  noteFailure,
  noteOutcome,
  settledOutcome,
  type GraphqlOperation,
} from '../../src/observability/graphql-operation';
import { boundedOperationName, OperationNameLabels } from '../../src/observability/operation-names';
import { outcomeOfError, outcomeOfErrors } from '../../src/observability/outcome';
import { requestIdOf } from '../../src/observability/request-id';
import { routeLabel } from '../../src/observability/route-label';

describe('operation names as labels', () => {
  it.each([
    [undefined, 'anonymous'],
    ['', 'anonymous'],
    ['Timeline', 'Timeline'],
    ['_private_2', '_private_2'],
    ['A'.repeat(64), 'A'.repeat(64)],
    ['A'.repeat(65), 'other'],
    ['has space', 'other'],
    ['1stQuery', 'other'],
    ['Zeitstrahl_für', 'other'],
    ['drop"}\n', 'other'],
  ])('shows %j as %j', (name, label) => {
    expect(boundedOperationName(name)).toBe(label);
  });

  it('keeps at most N distinct names, the first seen, and the rest are other', () => {
    const labels = new OperationNameLabels(3);
    expect(['A', 'B', 'A', 'C'].map((name) => labels.label(name))).toEqual(['A', 'B', 'A', 'C']);
    expect(labels.label('D')).toBe('other');
    expect(labels.label('B')).toBe('B');
    // The fixed labels take no place among the kept names.
    const fresh = new OperationNameLabels(1);
    expect([undefined, 'not a name', 'First', 'Second'].map((name) => fresh.label(name))).toEqual([
      'anonymous',
      'other',
      'First',
      'other',
    ]);
  });
});

describe('outcomes', () => {
  it("are OK without errors, else the first error's code, from the closed set", () => {
    expect(outcomeOfErrors(undefined)).toBe('OK');
    expect(outcomeOfErrors([])).toBe('OK');
    expect(outcomeOfErrors([{ extensions: { code: 'NOT_FOUND' } }, { extensions: { code: 'BAD_USER_INPUT' } }])).toBe(
      'NOT_FOUND',
    );
    expect(outcomeOfErrors([{ extensions: { code: 'SOMETHING_A_CLIENT_MADE_UP' } }])).toBe('OTHER');
    expect(outcomeOfErrors([{ extensions: { code: 'toString' } }])).toBe('OTHER');
    expect(outcomeOfErrors([{ extensions: {} }])).toBe('OTHER');
  });

  it('of a call are OK, the code of an AppError, or OTHER', () => {
    expect(outcomeOfError(undefined)).toBe('OK');
    expect(outcomeOfError(new AppError('QUERY_TIMEOUT', 'slow'))).toBe('QUERY_TIMEOUT');
    expect(outcomeOfError(new Error('boom'))).toBe('OTHER');
  });

  it('of an operation keep the first failure: a later success does not hide it', () => {
    const operation: GraphqlOperation = { name: 'Follow', type: 'subscription', outcome: undefined };
    noteOutcome(operation, undefined);
    expect(operation.outcome).toBe('OK');
    noteOutcome(operation, [{ extensions: { code: 'SERVICE_UNAVAILABLE' } }]);
    noteOutcome(operation, undefined);
    noteFailure(operation, 'INTERNAL_SERVER_ERROR');
    expect(operation.outcome).toBe('SERVICE_UNAVAILABLE');
  });

  it('of an operation no handler coded follow the status', () => {
    const unset = (): GraphqlOperation => ({ name: undefined, type: 'unknown', outcome: undefined });
    expect(settledOutcome(unset(), 200)).toBe('OK');
    expect(settledOutcome(unset(), 406)).toBe('BAD_REQUEST');
    expect(settledOutcome(unset(), 503)).toBe('INTERNAL_SERVER_ERROR');
    expect(settledOutcome({ ...unset(), outcome: 'NOT_FOUND' }, 200)).toBe('NOT_FOUND');
  });
});

describe('route labels', () => {
  const request = (originalUrl: string, routePath?: string) => ({
    originalUrl,
    baseUrl: '',
    route: routePath === undefined ? undefined : { path: routePath },
  });

  it("are the matched route's pattern, never the ids in the URL", () => {
    expect(routeLabel(request('/bundles/some-source?x=1', '/bundles/:sourceId'))).toBe('/bundles/:sourceId');
    expect(routeLabel(request('/graphql?query={x}', '/graphql'))).toBe('/graphql');
  });

  it('are a fixed label by part of the site when no route matched, else other', () => {
    expect(routeLabel(request('/widget/assets/nope.js'))).toBe('/widget/...');
    expect(routeLabel(request('/feeds/unknown.json?secret=1'))).toBe('/feeds/...');
    expect(routeLabel(request('/graphql/stream'))).toBe('/graphql/stream');
    expect(routeLabel(request('/graphqlx'))).toBe('other');
    expect(routeLabel(request('/wp-admin/install.php'))).toBe('other');
  });
});

describe('request ids', () => {
  const exchange = (header?: string) => {
    const req = new IncomingMessage(new Socket());
    if (header !== undefined) req.headers['x-request-id'] = header;
    const res = new ServerResponse(req);
    return { id: requestIdOf(req, res), sent: res.getHeader('x-request-id') };
  };

  it("keep the caller's id when it is a sane token, and send it back", () => {
    expect(exchange('abc-123')).toEqual({ id: 'abc-123', sent: 'abc-123' });
    expect(exchange('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01').id).toMatch(/^00-4bf9/);
  });

  it('replace a missing or unsafe one with a new UUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
    for (const header of [undefined, '', 'has space', 'line\nbreak', 'x'.repeat(200), '<script>']) {
      const { id, sent } = exchange(header);
      expect(id).toMatch(uuid);
      expect(sent).toBe(id);
    }
  });
});

describe("the driver pool's reading", () => {
  it('gives no figure, rather than a wrong one, when the driver keeps its pool otherwise', () => {
    expect(readPoolState({ _connectionProvider: {} } as unknown as Driver)).toBeUndefined();
    expect(readPoolState({} as unknown as Driver)).toBeUndefined();
    const changed = { _connectionPool: { _pools: {}, _activeResourceCounts: { a: '1' }, _acquireRequests: {} } };
    expect(readPoolState({ _connectionProvider: changed } as unknown as Driver)).toBeUndefined();
  });
});
