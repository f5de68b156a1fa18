import type { Engine } from '@esa-flow/engine';
import type { ServerConfig } from '../config';

/** What every route module is built with. */
export interface RouteContext {
  engine: Engine;
  config: ServerConfig;
}
