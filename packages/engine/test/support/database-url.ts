/** Where tests find PostgreSQL: DATABASE_URL, else the local trust-auth default. */
export const ADMIN_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function urlForDatabase(name: string, base: string = ADMIN_DATABASE_URL): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export const TEMPLATE_ENV = 'ESA_FLOW_TEST_TEMPLATE';
