import { createLogger } from '../../src/logger.js';

/** A logger made as the bot's is, whose lines are kept for the test to read. */
export function capturedLogger() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', fd: 2, destination: { write: (line: string) => void lines.push(line) } });
  return { logger, output: () => lines.join('') };
}
