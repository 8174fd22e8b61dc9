import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * What can be checked of the image and the compose files without a Docker daemon: their text.
 * Building the image is left to whoever hosts it.
 */

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface Instruction {
  keyword: string;
  args: string;
}
interface Stage {
  image: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** A Dockerfile's stages: comments dropped, continued lines joined, instructions in order. */
function stagesOf(text: string): Stage[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, keyword = '', args = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    if (keyword.toUpperCase() === 'FROM') {
      const [image = '', as, name] = args.replace(/--platform=\S+\s*/, '').split(/\s+/);
      stages.push({ image, name: as?.toUpperCase() === 'AS' ? name : undefined, instructions: [] });
    } else {
      stages.at(-1)?.instructions.push({ keyword: keyword.toUpperCase(), args });
    }
  }
  return stages;
}

const stages = stagesOf(read('Dockerfile'));
const runtime = stages.at(-1)!;
const packageJson = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string>; engines: { node: string } };

describe('the Dockerfile', () => {
  it('builds and runs on Node 26, the same major in every stage', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.image).toMatch(/^node:26(?:[.-]|$)/);
    // Native modules (resvg) installed in the build stage must load in the runtime stage.
    expect(new Set(stages.map((s) => s.image.split(':')[1]))).toHaveLength(1);
  });

  it('runs as a user other than root', () => {
    const users = runtime.instructions.filter((i) => i.keyword === 'USER');
    expect(users.length).toBeGreaterThan(0);
    const user = users.at(-1)!.args.split(':')[0];
    expect(['', 'root', '0']).not.toContain(user);
    const lastUser = runtime.instructions.lastIndexOf(users.at(-1)!);
    expect(runtime.instructions.findIndex((i) => i.keyword === 'CMD')).toBeGreaterThan(lastUser);
  });

  it('takes its node_modules only from a stage that dropped development modules', () => {
    const copies = runtime.instructions.filter((i) => i.keyword === 'COPY' && /\bnode_modules\b/.test(i.args));
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) {
      const from = /--from=(\S+)/.exec(copy.args)?.[1];
      expect(from, `COPY ${copy.args}`).toBeDefined();
      const source = stages.find((s) => s.name === from);
      expect(source, `stage ${from}`).toBeDefined();
      // The last npm command that changes node_modules there leaves production modules only.
      const npmRuns = source!.instructions.filter((i) => i.keyword === 'RUN').flatMap((i) => i.args.split(/&&|;/).map((c) => c.trim())).filter((c) => /^npm (ci|install|i|prune)\b/.test(c));
      expect(npmRuns.at(-1)).toMatch(/^npm (prune|ci)\b.*--omit=dev/);
    }
    // Nor does the runtime stage install anything itself.
    expect(runtime.instructions.filter((i) => i.keyword === 'RUN' && /\bnpm (ci|install|i)\b/.test(i.args))).toEqual([]);
  });

  it('starts the compiled program with node', () => {
    const cmd = runtime.instructions.filter((i) => i.keyword === 'CMD').at(-1);
    expect(JSON.parse(cmd!.args)).toEqual(['node', 'dist/main.js']);
    expect(runtime.instructions.some((i) => i.keyword === 'ENTRYPOINT')).toBe(false);
  });
});

describe('package.json', () => {
  it('keeps what only development needs out of the production dependencies', () => {
    for (const name of ['tsx', 'pino-pretty', 'typescript', 'vitest']) {
      expect(packageJson.dependencies).not.toHaveProperty(name);
      expect(packageJson.devDependencies).toHaveProperty(name);
    }
  });

  it('still allows Node 20 for npm start', () => {
    expect(packageJson.engines.node).toBe('>=20');
  });
});

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition?: string }>;
  healthcheck?: { test: string[] };
}

function servicesOf(path: string): Record<string, ComposeService> {
  const compose = parse(read(path), { merge: true }) as { services: Record<string, ComposeService> };
  return compose.services;
}

describe.each([
  { file: 'docker-compose.yml', instances: 1 },
  { file: 'docker-compose.scale.yml', instances: 2 },
])('$file', ({ file, instances }) => {
  const services = servicesOf(file);
  const kenshus = Object.entries(services).filter(([, s]) => s.build !== undefined);

  it(`runs ${instances} Kenshu instance(s), built from this directory, and one PostgreSQL`, () => {
    expect(Object.values(services).filter((s) => s.image?.startsWith('postgres:'))).toHaveLength(1);
    expect(kenshus).toHaveLength(instances);
    for (const [, kenshu] of kenshus) expect(kenshu.build).toBe('.');
  });

  it('points every instance at that PostgreSQL, once it is healthy, with a health check of its own', () => {
    const [postgresName] = Object.entries(services).find(([, s]) => s.image?.startsWith('postgres:'))!;
    for (const [, kenshu] of kenshus) {
      expect(new URL(kenshu.environment!.DATABASE_URL!.replace(/\$\{[^}]*\}/g, 'x')).hostname).toBe(postgresName);
      expect(kenshu.depends_on?.[postgresName]?.condition).toBe('service_healthy');
      expect(kenshu.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${kenshu.environment!.HTTP_PORT}/healthz`);
    }
  });
});
