/**
 * The HTTP API: Fastify with zod schemas as the single source of request and
 * response types, the OpenAPI 3 document at /openapi.json and an interactive
 * page at /docs, problem+json errors from the one catalogue, sessions and
 * bearer tokens, rate limits on sign-in and writes. Deny by default: a route
 * is public only when it says so (`config.public`).
 */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ZodType } from 'zod';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { isEsaError, type DatabaseReadiness, type Engine, type ErrorCode } from '@esa-flow/engine';
import type { ServerConfig } from './config';
import { authenticate, sessionCookieName } from './http/authenticate';
import { RequestCounter } from './http/metrics';
import { serveWeb } from './http/serve-web';
import { declareProblems, installErrorHandling, problemOf, sendProblem, type UndeclaredProblem } from './http/problem';
import { installInputHardening } from './http/input-hardening';
import { loggerOptions } from './http/log-options';
import { installSecurityHeaders } from './http/security-headers';
import { createReadinessGate } from './http/readiness-gate';
import { adminRoutes } from './routes/admin.routes';
import { authRoutes } from './routes/auth.routes';
import { calendarRoutes } from './routes/calendar.routes';
import { caseRoutes } from './routes/cases.routes';
import { committeeRoutes } from './routes/committees.routes';
import { cycleRoutes } from './routes/cycles.routes';
import { documentRoutes } from './routes/documents.routes';
import { fileRoutes } from './routes/files.routes';
import { registerRoutes } from './routes/registers.routes';
import { salaryRoundRoutes } from './routes/salary-rounds.routes';
import { healthRoutes } from './routes/health.routes';
import { importRoutes } from './routes/import.routes';
import { mailboxRoutes } from './routes/mailbox.routes';
import { meRoutes } from './routes/me.routes';
import { personnelRoutes } from './routes/personnel.routes';
import { supervisionRoutes } from './routes/supervision.routes';
import { tokenRoutes } from './routes/tokens.routes';
import { transferRoutes } from './routes/transfer.routes';
import { academicStandingRoutes } from './routes/academic-standing.routes';
import { workflowRoutes } from './routes/workflows.routes';
import type { RouteContext } from './routes/route-context';

declare module 'fastify' {
  interface FastifySchema {
    /**
     * the body as the OpenAPI document shows it, when it is narrower than
     * what the route validates (the generic case commands: each event's
     * payload, each workflow's input, validated by the engine)
     */
    documentedBody?: ZodType;
  }
  interface FastifyContextConfig {
    /** reachable without signing in */
    public?: boolean;
    /** reachable by a signed-in user who must still change a password someone else set (GET /api/me, POST /api/me/password, sign-out) */
    beforePasswordChange?: boolean;
    /** the problems this operation declares (set at registration by `declareProblems`) */
    problems?: { operationId: string; codes: ReadonlySet<ErrorCode>; report: (problem: UndeclaredProblem) => void };
  }
}

export interface BuildAppOptions {
  engine: Engine;
  config: ServerConfig;
  /** extra route modules (committees, cycles, supervision, imports …) */
  routes?: ((app: FastifyInstance, ctx: RouteContext) => void)[];
  logger?: boolean | { level: string };
  /** the built web application (packages/web/dist by default) */
  webDistDir?: string;
  /**
   * whether the database is migrated for this release (production processes
   * pass the engine's `checkDatabaseReadiness`); while it is not, every API
   * call is refused with its code (503) and /readyz answers 503
   */
  readiness?: () => Promise<DatabaseReadiness>;
  /**
   * a problem sent by an operation that did not declare its code (the OpenAPI
   * document would be wrong); logged as a warning when not given, tests fail on it
   */
  onUndeclaredProblem?: (problem: UndeclaredProblem) => void;
}

/** TRUST_PROXY as Fastify takes it: a hop count as proxy-addr's "trust the first n hops". */
function trustProxyOf(setting: ServerConfig['TRUST_PROXY']): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? loggerOptions(options.logger === true ? 'info' : options.logger.level) : false,
    // JSON bodies; routes that need more say so (imports, cycle children)
    bodyLimit: options.config.JSON_BODY_MAX_BYTES,
    // the client address behind the load balancers (TRUST_PROXY): the sign-in limits count per client
    trustProxy: trustProxyOf(options.config.TRUST_PROXY),
    // long parameters reach the route and fail its schema with a proper problem (400), not the router's bare 414
    routerOptions: { maxParamLength: 8192 },
    frameworkErrors: (error, _request, reply) => sendProblem(reply, problemOf('INVALID_PAYLOAD', { reason: error.code })),
    ajv: { customOptions: { removeAdditional: false } },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app, (err) => app.log.error(err));
  declareProblems(app, options.onUndeclaredProblem ?? ((problem) => app.log.warn({ problem }, 'a problem the operation does not declare')));
  installInputHardening(app);
  installSecurityHeaders(app, { https: options.config.COOKIE_SECURE });

  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    keyGenerator: (request) => request.actor?.id ?? request.ip,
    errorResponseBuilder: () => Object.assign(new Error('rate limited'), { statusCode: 429 }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'esa-flow API',
        version: '0.1.0',
        description: 'ระบบงานบุคคลของสำนักงานเขตพื้นที่การศึกษา / HR approvals of Thai educational service area offices',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(options.config.COOKIE_SECURE) },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: (document) => {
      const { documentedBody, ...schema } = document.schema ?? {};
      return jsonSchemaTransform(documentedBody ? { ...document, schema: { ...schema, body: documentedBody } } : document);
    },
    // schemas given an id (`.meta({ id })`, zod's global registry) are `components.schemas`, referenced by $ref
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await serveWeb(app, options.webDistDir);
  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  const counter = new RequestCounter();
  app.addHook('onResponse', async (request, reply) => {
    counter.add(request.method, request.routeOptions.url ?? 'unmatched', reply.statusCode);
  });
  const engine = options.engine;
  const { clock } = engine;
  const readiness = createReadinessGate(options.readiness);
  const authentication = {
    cookieName: sessionCookieName(options.config.COOKIE_SECURE),
    idleMs: options.config.SESSION_IDLE_MINUTES * 60_000,
    publicOrigin: new URL(options.config.PUBLIC_BASE_URL).origin,
  };
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/')) return;
    const state = await readiness.current().catch(() => ({ ready: true }) as const);
    if (state.ready) return;
    const { code, ready: _ready, ...detail } = state;
    return sendProblem(reply, problemOf(code, { ...detail, remedy: 'pnpm migrate' }));
  });
  app.addHook('onRequest', async (request, reply) => {
    const url = request.routeOptions.url;
    if (url === undefined || request.routeOptions.config.public || url.startsWith('/docs') || url.startsWith('/assets/')) return;
    try {
      await authenticate(request, engine, clock, authentication);
    } catch (error) {
      if (isEsaError(error)) return sendProblem(reply, problemOf(error.code));
      throw error;
    }
    if (request.mustChangePassword && !request.routeOptions.config.beforePasswordChange)
      return sendProblem(reply, problemOf('PASSWORD_CHANGE_REQUIRED'));
  });

  const ctx: RouteContext = { engine: options.engine, config: options.config };
  for (const register of [
    authRoutes,
    tokenRoutes,
    meRoutes,
    caseRoutes,
    calendarRoutes,
    mailboxRoutes,
    committeeRoutes,
    cycleRoutes,
    supervisionRoutes,
    adminRoutes,
    importRoutes,
    transferRoutes,
    academicStandingRoutes,
    workflowRoutes,
    fileRoutes,
    registerRoutes,
    salaryRoundRoutes,
    personnelRoutes,
    documentRoutes,
    ...(options.routes ?? []),
  ])
    register(app, ctx);
  healthRoutes(app, ctx, counter, readiness);
  await app.ready();
  return app;
}
