import { ConfigError, describePassword, readConfig } from '../config';
import { createLocalNeo4j } from './create';
import { LocalNeo4jError } from './errors';

const USAGE = 'usage: db <fetch|start|stop|status>';

/** `npm run db:start|db:stop|db:status`: manages the developer's local Neo4j. */
async function main(command: string | undefined): Promise<number> {
  const config = readConfig();
  const neo4j = createLocalNeo4j(config);
  switch (command) {
    case 'fetch': {
      await neo4j.fetch();
      return 0;
    }
    case 'start': {
      const { alreadyRunning } = await neo4j.start();
      console.log(alreadyRunning ? 'Neo4j is already running.' : 'Neo4j started.');
      console.log(`  Bolt:          ${neo4j.boltUri}`);
      console.log(`  Neo4j Browser: ${neo4j.browserUrl}`);
      console.log(`  Credentials:   ${config.neo4j.user} / ${describePassword(config.neo4j.password)}`);
      console.log(`  Data and logs: ${neo4j.home}`);
      return 0;
    }
    case 'stop': {
      const { wasRunning } = await neo4j.stop();
      console.log(wasRunning ? 'Neo4j stopped.' : 'Neo4j was not running.');
      return 0;
    }
    case 'status': {
      const status = neo4j.status();
      console.log(
        status.running
          ? `Neo4j is running (pid ${status.pid}): bolt://127.0.0.1:${status.boltPort}, http://127.0.0.1:${status.httpPort}/browser/`
          : 'Neo4j is not running.',
      );
      return status.running ? 0 : 3;
    }
    default:
      console.error(USAGE);
      return 2;
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof LocalNeo4jError || error instanceof ConfigError) {
      console.error(`${error.name}${'code' in error ? ` [${String(error.code)}]` : ''}: ${error.message}`);
    } else {
      console.error(error);
    }
    process.exit(1);
  },
);
