import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Under node_modules, so that the compiled files find the packages as the sources do. */
const CACHE = join(ROOT, 'node_modules', '.cache', 'kenshu-compiled');
/** What tsconfig.json asks for; each file compiled on its own, as isolatedModules allows. */
const COMPILER_OPTIONS = { target: 'ES2023', module: 'ESNext', verbatimModuleSyntax: true, isolatedModules: true, esModuleInterop: true } as const;
const A_DAY_MS = 24 * 60 * 60 * 1000;
const STALE_LOCK_MS = 60_000;

async function sourcesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(ROOT, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await sourcesUnder(path)));
    else if (/\.[tj]s$/.test(entry.name) && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) found.push(path);
  }
  return found;
}

async function compile(): Promise<string> {
  const paths = [...(await sourcesUnder('src')), ...(await sourcesUnder('tests'))].sort();
  const sources = await Promise.all(paths.map(async (path) => ({ path, text: await readFile(join(ROOT, path), 'utf8') })));
  const { version } = JSON.parse(await readFile(join(ROOT, 'node_modules', 'typescript', 'package.json'), 'utf8')) as { version: string };
  const hash = createHash('sha256').update(JSON.stringify([version, COMPILER_OPTIONS]));
  for (const { path, text } of sources) hash.update(`\0${path}\0${text}`);
  const out = join(CACHE, hash.digest('hex').slice(0, 16));
  if (!(await compilingOurselves(out))) {
    // Marked as in use, so that pruning (of what nothing used for a day) leaves it alone.
    const now = new Date();
    await utimes(out, now, now).catch(() => undefined);
    return out;
  }
  try {
    await transpile(sources, out);
  } finally {
    await rm(`${out}.lock`, { recursive: true, force: true });
  }
  await pruneOlderThanADay(out);
  return out;
}

const exists = (path: string) => stat(path).then(() => true, () => false);

/**
 * Whether this process is to compile into `out`: not when it is there already, nor while another
 * worker compiles it (then this one waits for it). A lock left by a worker that died goes stale.
 */
async function compilingOurselves(out: string): Promise<boolean> {
  await mkdir(CACHE, { recursive: true });
  for (;;) {
    if (await exists(out)) return false;
    try {
      await mkdir(`${out}.lock`);
      // Finished by another worker between the look and the lock.
      if (!(await exists(out))) return true;
      await rm(`${out}.lock`, { recursive: true, force: true });
      return false;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const lock = await stat(`${out}.lock`).catch(() => undefined);
      if (lock && Date.now() - lock.mtimeMs > STALE_LOCK_MS) await rm(`${out}.lock`, { recursive: true, force: true });
      else await sleep(50);
    }
  }
}

async function transpile(sources: { path: string; text: string }[], out: string): Promise<void> {
  const { default: ts } = await import('typescript');

  // Written aside and renamed into place, so that a suite in another worker never sees it half done.
  const partial = `${out}.partial-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const compilerOptions = ts.convertCompilerOptionsFromJson(COMPILER_OPTIONS, ROOT).options;
  for (const { path, text } of sources) {
    const target = join(partial, path.replace(/\.ts$/, '.js'));
    await mkdir(dirname(target), { recursive: true });
    // Plain JavaScript sources (the child that creates the embedded database) are copied as they are.
    await writeFile(target, path.endsWith('.js') ? text : ts.transpileModule(text, { compilerOptions, fileName: join(ROOT, path) }).outputText);
  }
  await writeFile(join(partial, 'package.json'), '{ "type": "module" }\n');
  // src/store/database.ts finds the migrations two folders up from itself.
  await symlink(join(ROOT, 'drizzle'), join(partial, 'drizzle'), 'dir');
  try {
    await rename(partial, out);
  } catch {
    // Another worker compiled the same sources first, after all.
    await rm(partial, { recursive: true, force: true });
  }
}

/** Compiled states of the sources that no run used for a day. */
async function pruneOlderThanADay(keep: string): Promise<void> {
  for (const name of await readdir(CACHE)) {
    const path = join(CACHE, name);
    if (path === keep) continue;
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > A_DAY_MS) await rm(path, { recursive: true, force: true });
  }
}

let compiled: Promise<string> | undefined;

/**
 * The program and the test helpers that run as processes of their own, compiled to JavaScript
 * with the TypeScript compiler as the production build does (`node dist/main.js`), once for each
 * state of the sources. A suite that starts the program many times starts it in well under half
 * the time and CPU it takes through tsx, which compiles on every start. Returns the compiled file
 * for a source path relative to the repository, e.g. `src/main.ts` → `…/src/main.js`.
 */
export async function compiledPath(source: string): Promise<string> {
  const root = await (compiled ??= compile());
  const path = join(root, source.replace(/\.ts$/, '.js'));
  if (relative(root, path).startsWith('..')) throw new Error(`${source} is not inside the repository`);
  return path;
}
