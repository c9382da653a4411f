import type { Driver } from 'neo4j-driver';

/**
 * Ends the transactions still running once a load has stopped: they belong to requests whose
 * client gave up (the peer's failing queries run until the server's 15 s timeout), and would
 * otherwise slow whichever target is measured next. Waits a second first for answers in flight.
 * Gives how many it ended.
 */
export async function endLeftoverTransactions(driver: Driver, database: string): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const { records } = await driver.executeQuery(
    `SHOW TRANSACTIONS YIELD transactionId, currentQuery
     WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS'
     RETURN transactionId`,
    {},
    { database },
  );
  const ids = records.map((record) => record.get('transactionId') as string);
  if (ids.length > 0) await driver.executeQuery('TERMINATE TRANSACTIONS $ids', { ids }, { database });
  return ids.length;
}
