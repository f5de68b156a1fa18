import { EsaError, type Config } from '@esa-flow/engine';

/** The production processes need a real database: DATABASE_URL, or CONFIG_INVALID naming it. */
export function requireDatabaseUrl(config: Config): string {
  if (!config.DATABASE_URL) {
    throw new EsaError('CONFIG_INVALID', {
      variables: [{ name: 'DATABASE_URL', message: 'ต้องกำหนด / required (postgres://user:pass@host:5432/db)' }],
    });
  }
  return config.DATABASE_URL;
}
