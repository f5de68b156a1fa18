export { buildApp, type BuildAppOptions } from './app';
export { loadServerConfig, type ServerConfig } from './config';
export { hashPassword, verifyPassword } from './auth/password';
export type { RouteContext } from './routes/route-context';
export { startAllInOne, type AllInOne } from './all-in-one';
export { seedDemo, DEMO_USERS, DEMO_PASSWORD, DEMO_OFFICE_CODE } from './demo/seed-demo';
