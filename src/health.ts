import { createServer, type Server } from 'node:http';
import type { Logger } from './logger.js';

/**
 * GET /healthz answers 200 while the database answers, 503 otherwise: for Docker, Kubernetes or
 * an uptime monitor.
 */
export function startHealthServer(port: number, ping: () => Promise<void>, logger: Logger): Server {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url !== '/healthz' && req.url !== '/health')) {
      res.writeHead(404).end();
      return;
    }
    ping().then(
      () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}'),
      (err: unknown) => {
        logger.warn({ err }, 'health check: database not answering');
        res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"database unavailable"}');
      },
    );
  });
  server.listen(port, () => logger.info({ port }, 'health endpoint listening'));
  return server;
}
