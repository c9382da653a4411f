import neo4j from 'neo4j-driver';
import { RELATIONSHIP_TYPES } from '../../src/domain/model';
import type { PathModel } from '../../src/domain/types';
import { findShortestPaths, type PathQuery } from '../../src/repositories/graph.repository';
import { pathsOfLength, typesAt } from '../../src/repositories/path-query';
import { startSeededTestServer, type TestServer } from '../helpers/server';

/**
 * Connections on the article: the search that walks out from the cheaper end finds paths of the
 * same lengths as an exhaustive enumeration of simple paths, every path valid, and the period and
 * chronological options hold.
 */
describe('connections', () => {
  let server: TestServer;
  const query = (fromId: string, toId: string, extra: Partial<PathQuery> = {}): PathQuery => ({
    fromId,
    toId,
    maxHops: 4,
    paths: 3,
    hubDegree: 1000,
    timeoutMs: 10_000,
    period: null,
    chronological: false,
    ...extra,
  });

  beforeAll(async () => {
    server = await startSeededTestServer();
  });
  afterAll(async () => server?.close());

  /**
   * Lengths of the 3 shortest paths by exhaustive enumeration (small enough on the article): simple
   * paths (no node twice; Cypher's SHORTEST k would also count walks such as Moscow–Russia–event–Russia),
   * no hub or Source in the middle.
   */
  async function referenceLengths(fromId: string, toId: string): Promise<number[]> {
    const result = await server.database.read('test', (tx) =>
      tx.run(
        `MATCH (a:Entity|Event {id: $fromId}), (b:Entity|Event {id: $toId})
         MATCH p = (a)-[:${RELATIONSHIP_TYPES.join('|')}*1..4]-(b)
         WHERE all(x IN nodes(p) WHERE single(y IN nodes(p) WHERE y = x))
           AND all(n IN nodes(p)[1..-1] WHERE NOT n:Source AND COUNT { (n)--() } <= 1000)
         RETURN length(p) AS length ORDER BY length LIMIT 3`,
        { fromId, toId },
      ),
    );
    return result.records.map((record) => Number(record.get('length')));
  }

  /** Every hop is a stored relationship between the nodes it joins, and no node repeats. */
  function expectValid(path: PathModel, fromId: string, toId: string): void {
    expect(path.nodes[0]?.id).toBe(fromId);
    expect(path.nodes.at(-1)?.id).toBe(toId);
    expect(new Set(path.nodes.map((node) => node.id)).size).toBe(path.nodes.length);
    path.relationships.forEach((relationship, index) => {
      const ends = [path.nodes[index]?.id, path.nodes[index + 1]?.id].sort();
      expect([relationship.from, relationship.to].sort()).toEqual(ends);
      expect(relationship.evidence.length).toBeGreaterThan(0);
    });
  }

  it('finds the 3 shortest simple paths, by length, between every two entities of the article', async () => {
    const result = await server.database.read('test', (tx) =>
      tx.run("MATCH (s:Source {id: 'baoquocte-279309'})<-[:MENTIONED_IN]-(n:Entity) RETURN n.id AS id ORDER BY id"),
    );
    const ids = result.records.map((record) => record.get('id') as string);
    expect(ids.length).toBe(18);
    for (const fromId of ids) {
      for (const toId of ids) {
        if (fromId === toId) continue;
        const { paths } = await findShortestPaths(server.database, query(fromId, toId));
        expect({ fromId, toId, lengths: paths.map((path) => path.relationships.length) }).toEqual({
          fromId,
          toId,
          lengths: await referenceLengths(fromId, toId),
        });
        for (const path of paths) expectValid(path, fromId, toId);
        expect({ fromId, toId, tiesInOrder: tiesInOrder(paths) }).toEqual({ fromId, toId, tiesInOrder: true });
      }
    }
  }, 120_000);

  /**
   * Whether paths of one length come ordered by the ids along them read from `from` to `to`, then
   * by their relationship types and roles, whichever end the search walked out from.
   */
  function tiesInOrder(paths: readonly PathModel[]): boolean {
    const key = (path: PathModel) => [
      ...path.nodes.map((node) => node.id),
      ...path.relationships.map((relationship) => `${relationship.type}:${relationship.role ?? ''}`),
    ];
    const compare = (a: string[], b: string[]) => {
      const index = a.findIndex((value, i) => value !== b[i]);
      return index < 0 ? 0 : (a[index] as string) < (b[index] as string) ? -1 : 1;
    };
    return paths.every(
      (path, index) =>
        index === 0 ||
        (paths[index - 1] as PathModel).relationships.length !== path.relationships.length ||
        compare(key(paths[index - 1] as PathModel), key(path)) <= 0,
    );
  }

  it('orders ties the same way every time, and explains each path in one sentence', async () => {
    const { body } = await server.graphql(
      '{ connections(from: "alexei-krivoruchko", to: "kim-jong-un") { length explanation nodes { id } } }',
    );
    const again = await server.graphql(
      '{ connections(from: "alexei-krivoruchko", to: "kim-jong-un") { length explanation nodes { id } } }',
    );
    expect(again.body).toEqual(body);
    expect(body.data?.connections[0]).toEqual({
      length: 2,
      explanation:
        'Alexei Krivoruchko was received at “Kim Jong Un receives the Russian military delegation led by Alexei Krivoruchko” (18 July 2024), which was hosted by Kim Jong Un.',
      nodes: [
        { id: 'alexei-krivoruchko' },
        { id: '2024-07-18-kim-receives-russian-military-delegation' },
        { id: 'kim-jong-un' },
      ],
    });
  });

  it('keeps a chronological chain: each event no earlier than the one before it, read from `from`', async () => {
    const inOrder = (path: PathModel) => {
      const days = path.nodes.flatMap((node) => (node.label === 'Event' ? [node.date.earliest] : []));
      return days.every((day, index) => index === 0 || (days[index - 1] as string) <= day);
    };
    // Both ways round, so that the search walks out from either end (it starts from the one with fewer relationships).
    for (const [from, to] of [
      ['alexei-krivoruchko', '2024-06-19-partnership-treaty-signing'],
      ['2024-06-19-partnership-treaty-signing', 'alexei-krivoruchko'],
    ] as const) {
      const any = await findShortestPaths(server.database, query(from, to, { maxHops: 6, paths: 10 }));
      const chronological = await findShortestPaths(
        server.database,
        query(from, to, { maxHops: 6, paths: 10, chronological: true }),
      );
      // The quickest ways between the July meeting and the June signing do not all go forward in time.
      expect({ from, any: any.paths.some((path) => !inOrder(path)) }).toEqual({ from, any: true });
      expect(chronological.paths.length).toBeGreaterThan(0);
      expect({ from, chronological: chronological.paths.every(inOrder) }).toEqual({ from, chronological: true });
      for (const path of chronological.paths) expectValid(path, from, to);
    }
  });

  it('restricts the events on the path to a period', async () => {
    const all = await findShortestPaths(server.database, query('alexei-krivoruchko', 'kim-jong-un', { paths: 10 }));
    const june = await findShortestPaths(
      server.database,
      query('alexei-krivoruchko', 'kim-jong-un', {
        paths: 10,
        maxHops: 6,
        period: { fromDay: '2024-06-01', toDay: '2024-06-30' },
      }),
    );
    const middleEvents = (paths: PathModel[]) =>
      paths.flatMap((path) => path.nodes.slice(1, -1)).filter((node) => node.label === 'Event');
    expect(
      middleEvents(all.paths).some((event) => event.label === 'Event' && event.date.earliest >= '2024-07-01'),
    ).toBe(true);
    expect(
      middleEvents(june.paths).every(
        (event) => event.label === 'Event' && event.date.latest >= '2024-06-01' && event.date.earliest <= '2024-06-30',
      ),
    ).toBe(true);
    const { body } = await server.graphql(
      '{ connections(from: "russia", to: "kcna", filter: { from: "2024-08", to: "2024-07" }) { length } }',
    );
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // An empty bound is not "no bound": it is refused, as the timeline refuses it.
    const empty = await server.graphql('{ connections(from: "russia", to: "kcna", filter: { from: "" }) { length } }');
    expect(empty.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.from' });
  });

  it('answers a node and itself with the node alone, and an unknown id with NOT_FOUND', async () => {
    const { body } = await server.graphql(
      '{ connections(from: "kim-jong-un", to: "kim-jong-un") { length explanation nodes { id } } }',
    );
    expect(body.data?.connections).toEqual([
      { length: 0, explanation: expect.stringMatching(/^Kim Jong/), nodes: [{ id: 'kim-jong-un' }] },
    ]);
    const unknown = await server.graphql('{ connections(from: "atlantis", to: "atlantis") { length } }');
    expect(unknown.body.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', id: 'atlantis' });
  });

  it("finds a path to or from a hub without enumerating the hub's relationships", async () => {
    // A hub of 2,500 relationships tied to the article's Russia: the search from Kim Jong Un's side checks it, never lists it.
    await server.database.write('test', (tx) =>
      tx.run(
        `MATCH (r:Entity {id: 'russia'})
         CREATE (h:Entity:Organization {id: 'test-hub-org', name: 'Test hub', kind: 'ORGANIZATION', evidence: ['{}']})-[:REPRESENTS {key: '', evidence: ['{}']}]->(r)
         WITH h UNWIND range(1, 2500) AS i
         CREATE (:Entity:Person {id: 'test-hub-member-' + i, name: 'M' + i, kind: 'PERSON', evidence: ['{}']})-[:MEMBER_OF {key: '', evidence: ['{}']}]->(h)`,
      ),
    );
    try {
      for (const [fromId, toId] of [
        ['test-hub-org', 'kim-jong-un'],
        ['kim-jong-un', 'test-hub-org'],
      ] as const) {
        const { paths } = await findShortestPaths(server.database, query(fromId, toId, { paths: 1 }));
        expect(paths.map((path) => path.relationships.length)).toEqual([3]);
      }
      const viaHub = await findShortestPaths(
        server.database,
        query('test-hub-member-1', 'test-hub-member-2', { paths: 1, maxHops: 2 }),
      );
      expect(viaHub.paths).toEqual([]); // the hub is never walked through
      // The query the search runs for length 3 from Kim Jong Un's side reads fewer db hits than the hub has
      // relationships (about 1,300 whatever else the suite loaded; a walk out from the hub reads over 15,000).
      const hits = await profiledDbHits(
        pathsOfLength({
          length: 3,
          reversed: false,
          period: null,
          chronological: false,
          lastHopTypes: typesAt(['Entity', 'Organization']),
          seekFarEnd: false,
        }),
        {
          anchor: await elementIdOf('kim-jong-un'),
          farId: 'test-hub-org',
          hubDegree: neo4j.int(1000),
          candidates: neo4j.int(25),
        },
      );
      expect(hits).toBeLessThan(2500);
    } finally {
      await server.database.write('test', (tx) =>
        tx.run("MATCH (n:Entity) WHERE n.id STARTS WITH 'test-hub-' DETACH DELETE n"),
      );
    }
  });

  async function elementIdOf(id: string): Promise<string> {
    const result = await server.database.read('test', (tx) =>
      tx.run('MATCH (n:Entity {id: $id}) RETURN elementId(n) AS key', { id }),
    );
    return result.records[0]?.get('key') as string;
  }

  /** Database hits of one query under PROFILE, summed over its plan. */
  async function profiledDbHits(cypher: string, params: Record<string, unknown>): Promise<number> {
    type Plan = { dbHits: number; children: Plan[] };
    const sum = (plan: Plan): number => plan.dbHits + plan.children.reduce((total, child) => total + sum(child), 0);
    const result = await server.database.read('test', (tx) =>
      tx.run(`PROFILE MATCH (s) WHERE elementId(s) = $anchor ${cypher}`, params),
    );
    return sum(result.summary.profile as unknown as Plan);
  }
});
