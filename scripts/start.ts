// npm start — migrate (and on a first run load the demo workspace), build if no build exists,
// then serve on PORT (default 3000). npm run dev does the same with next dev.
import { ConfigError, describeDatabase } from '../lib/database/config';
import { errorText } from '../lib/database/connect';
import { getEnv } from '../lib/env';
import { buildNext, hasProductionBuild, runNext } from './lib/next-process';
import { prepareDatabase } from './lib/prepare-database';

async function main(): Promise<void> {
  const dev = process.argv.includes('--dev');
  const env = getEnv();
  // the demo is loaded into an empty embedded database; for PostgreSQL only when asked (SEED_DEMO=true)
  const seedDemo = process.env.SEED_DEMO ? process.env.SEED_DEMO === 'true' : env.database.engine === 'embedded';
  console.log(`Database: ${describeDatabase(env.database)}`);
  await prepareDatabase(env.database, { seedDemo });
  if (!dev && !hasProductionBuild()) buildNext();
  runNext(dev ? 'dev' : 'start', env.PORT);
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof ConfigError ? error.message : errorText(error)}`);
  process.exit(1);
});
