import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { ConsoleNotifier } from '../../src/adapters/console/console-notifier.js';
import { showFiles } from '../../src/adapters/console/console.js';

/** A PNG's signature followed by every byte value: any text decoding on the way would show. */
const PNG_BYTES = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Array.from({ length: 256 }, (_, i) => i)]);

describe('console: a reply carrying a PNG', () => {
  let exportDir: string;
  beforeAll(async () => {
    exportDir = await mkdtemp(join(tmpdir(), 'kenshu-exports-'));
  });
  afterAll(async () => {
    await rm(exportDir, { recursive: true, force: true });
  });

  it('is written byte for byte under the export directory, and its path is printed', async () => {
    const lines: string[] = [];
    await showFiles([{ name: 'kenshu-report-2026-11-23.png', bytes: PNG_BYTES }], exportDir, 'ja', (line) => lines.push(line));
    const path = join(exportDir, 'kenshu-report-2026-11-23.png');
    expect(lines).toEqual([`  ファイルを保存しました: ${path}`]);
    expect(new Uint8Array(await readFile(path))).toEqual(PNG_BYTES);
  });

  it('writes the chart of a post to the moderators’ channel (the weekly digest) as the session says', async () => {
    const output = new PassThrough().setEncoding('utf8');
    const notifier = new ConsoleNotifier(output, () => Promise.resolve());
    const lines: string[] = [];
    notifier.writeFilesWith((files) => showFiles(files, exportDir, 'en', (line) => lines.push(line)));
    const digest = { tone: 'info' as const, title: 'Weekly report: Nov 23–29, 2026', files: [{ name: 'kenshu-report-2026-11-16.png', bytes: PNG_BYTES }] };
    await notifier.post('mods', null, digest, 'dg1w20261116');
    // A retry of the same key shows nothing twice, and writes nothing twice.
    await notifier.post('mods', null, digest, 'dg1w20261116');
    const path = join(exportDir, 'kenshu-report-2026-11-16.png');
    expect(String(output.read())).toMatch(/^\[#mods\]\n.*Weekly report: Nov 23–29, 2026/);
    expect(lines).toEqual([`  File saved: ${path}`]);
    expect(new Uint8Array(await readFile(path))).toEqual(PNG_BYTES);
  });

  it('refuses a name Kenshu would never give', async () => {
    await expect(showFiles([{ name: '../report.png', bytes: PNG_BYTES }], exportDir, 'en', () => undefined)).rejects.toThrow('unsafe file name');
  });
});
