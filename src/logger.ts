import pino, { type Logger, type LevelWithSilent } from 'pino';
import pretty from 'pino-pretty';

export type { Logger } from 'pino';

/**
 * The one logger. Pretty, coloured lines on a terminal; JSON lines otherwise, for log
 * collectors. `fd` is 2 in the console so logs never mix into the replies on stdout.
 */
export function createLogger(options: { level: LevelWithSilent; fd: 1 | 2 }): Logger {
  const isTerminal = (options.fd === 1 ? process.stdout : process.stderr).isTTY === true;
  const base = { level: options.level, base: { app: 'kenshu' } };
  if (isTerminal) return pino(base, pretty({ destination: options.fd, colorize: true, sync: true, ignore: 'pid,hostname,app' }));
  return pino(base, pino.destination({ fd: options.fd, sync: true }));
}
