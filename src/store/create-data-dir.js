// @ts-check
/**
 * Run by `openDatabase` as a child process when DATA_DIR holds no database yet: creates and
 * migrates it (see `createDataDir`), then exits. The parent holds the directory's lock meanwhile.
 * Plain JavaScript, so that Node.js runs it without a TypeScript loader.
 */
import process from 'node:process';
import { createDataDir } from './embedded-database.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: create-data-dir <DATA_DIR>');
await createDataDir(dataDir);
