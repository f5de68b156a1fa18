/** `pnpm server`: the API alone, for production (DATABASE_URL required; run `pnpm worker` beside it). */
import { createDatabase, createEngine, loadConfig, EsaError, systemClock } from '@esa-flow/engine';
import { createRegistry } from '@esa-flow/workflows';
import { buildApp } from './app';
import { loadServerConfig } from './config';

const config = loadConfig();
if (!config.DATABASE_URL) throw new EsaError('CONFIG_INVALID', { variables: [{ name: 'DATABASE_URL', message: 'required in production mode' }] });
const db = createDatabase({ connectionString: config.DATABASE_URL, maxConnections: config.DATABASE_POOL_MAX, applicationName: 'esa-flow-server' });
const engine = createEngine({ db, registry: createRegistry(), clock: systemClock });
const serverConfig = loadServerConfig();
const app = await buildApp({ engine, config: serverConfig, logger: true });
await app.listen({ port: serverConfig.PORT, host: serverConfig.HOST });
const stop = async () => {
  await app.close();
  await db.destroy();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
