export { buildApp, type BuildAppOptions } from './app';
export { loadServerConfig, type ServerConfig } from './config';
export { hashPassword, verifyPassword } from './auth/password';
export type { RouteContext } from './routes/route-context';
export { DEFAULT_WEB_DIST_DIR } from './http/serve-web';
export { DEMO_PASSWORD } from './auth/demo-accounts';
