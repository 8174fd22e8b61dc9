import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from './logger.js';

/** A monitor's probe gives up after a second or so: the ping is abandoned in time to say 503 before. */
const HEALTH_PING_DEADLINE_MS = 700;

export interface HealthOptions {
  port: number;
  /** Answers when the database does. */
  ping: () => Promise<void>;
  logger: Logger;
  /** Whether each chat platform's connection is up, reported alongside the database. */
  platforms?: () => Record<string, boolean>;
  /** Served at GET /metrics in Prometheus' text format. */
  metrics?: Registry;
}

function pingWithin(ping: () => Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  const pending = ping();
  pending.catch(() => undefined);
  return Promise.race([pending, expired]).finally(() => clearTimeout(timer));
}

/**
 * GET /healthz answers 200 while the database answers, 503 otherwise, for Docker, Kubernetes or
 * an uptime monitor; its body also says which platforms are connected. GET /metrics is for Prometheus.
 */
export function startHealthServer(options: HealthOptions): Server {
  const { ping, logger, platforms, metrics } = options;
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/metrics' && metrics) {
      metrics.metrics().then(
        (text) => res.writeHead(200, { 'content-type': metrics.contentType }).end(text),
        (err: unknown) => {
          logger.warn({ err }, 'metrics could not be collected');
          res.writeHead(500).end();
        },
      );
      return;
    }
    if (req.method !== 'GET' || (req.url !== '/healthz' && req.url !== '/health')) {
      res.writeHead(404).end();
      return;
    }
    const connected = platforms ? { platforms: platforms() } : {};
    pingWithin(ping, HEALTH_PING_DEADLINE_MS).then(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', ...connected })),
      (err: unknown) => {
        logger.warn({ err }, 'health check: database not answering');
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'database unavailable', ...connected }));
      },
    );
  });
  server.listen(options.port, () => logger.info({ port: options.port }, 'health endpoint listening'));
  return server;
}
