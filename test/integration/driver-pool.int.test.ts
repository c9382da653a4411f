import type { Driver } from 'neo4j-driver';
import { readPoolState } from '../../src/observability/driver-pool';
import { connectTestDatabase } from '../helpers/database';
import { eventually } from '../helpers/eventually';

/**
 * The pool gauges read neo4j-driver's internals (it publishes no pool metrics). This test holds the
 * driver to the shape they are read from: on a driver that keeps its pool otherwise, it fails here,
 * not silently on a dashboard.
 */
describe("the driver's pool, as the metrics read it", () => {
  let driver: Driver;

  beforeAll(() => {
    // One connection at most, so that a second session has to wait for it.
    ({ driver } = connectTestDatabase({ NEO4J_MAX_POOL_SIZE: '1' }));
  });
  afterAll(async () => {
    await driver.close();
  });

  it('is empty before the first session, and reads connections in use, idle and waited for', async () => {
    expect(readPoolState(driver)).toEqual({ inUse: 0, idle: 0, waiting: 0 });

    const holder = driver.session();
    const held = holder.beginTransaction();
    await held.run('RETURN 1');
    expect(readPoolState(driver)).toEqual({ inUse: 1, idle: 0, waiting: 0 });

    const waiter = driver.session();
    const waited = waiter.run('RETURN 2 AS two');
    await eventually(async () => readPoolState(driver)?.waiting === 1, 10_000, 'the second session to wait');
    expect(readPoolState(driver)).toEqual({ inUse: 1, idle: 0, waiting: 1 });

    await held.commit();
    await holder.close();
    expect((await waited).records[0]?.get('two').toNumber()).toBe(2);
    await waiter.close();
    expect(readPoolState(driver)).toEqual({ inUse: 0, idle: 1, waiting: 0 });
  });
});
