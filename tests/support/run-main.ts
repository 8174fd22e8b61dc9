import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { compiledPath } from './compiled-program.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunMainOptions {
  /**
   * `compiled` (the default): `node` on the program compiled as the production build does (see
   * compiledPath). `tsx-cli`: from the sources through the tsx command line (`npm start`
   * loads the same tsx with `node --import tsx`); that takes about three times the CPU to start
   * (tsx compiles on every start, and its CLI runs the program in a second Node.js process).
   */
  via?: 'compiled' | 'tsx-cli';
  timeoutMs?: number;
}

/** Runs `npm start`'s entry point as a child process with piped stdin, like a scripted session. */
export function runMain(lines: readonly string[], env: Record<string, string>, options: number | RunMainOptions = {}): Promise<RunResult> {
  const { via = 'compiled', timeoutMs = 60_000 } = typeof options === 'number' ? { timeoutMs: options } : options;
  const program = async (): Promise<[string, string[]]> => (via === 'tsx-cli' ? [TSX, ['src/main.ts']] : [process.execPath, [await compiledPath('src/main.ts')]]);
  return program().then(([command, args]) => spawnMain(command, args, lines, env, timeoutMs));
}

function spawnMain(command: string, args: string[], lines: readonly string[], env: Record<string, string>, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      // Only what the test gives, so the developer's own variables cannot change the outcome.
      // NUDGE_CRON: once a year, so a scheduled tick never lands in the middle of a scripted
      // session; the tests tick with /tick.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NUDGE_CRON: '0 0 1 1 *', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`kenshu did not finish in ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  });
}

/** A compiled Kenshu running as a service (a chat platform's adapter), until the test stops it. */
export interface RunningKenshu {
  /** Everything it wrote, stdout and stderr, so far. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>;
}

/** Starts the compiled program with only `env` (and PATH), as the Docker image runs it (`node dist/main.js`). */
export async function startKenshu(env: Record<string, string>): Promise<RunningKenshu> {
  const child = spawn(process.execPath, [await compiledPath('src/main.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NUDGE_CRON: '0 0 1 1 *', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    output: () => output,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
