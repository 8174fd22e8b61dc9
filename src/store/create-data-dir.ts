/**
 * Run by `openDatabase` as a child process when DATA_DIR holds no database yet: creates and
 * migrates it (see `createDataDir`), then exits. The parent holds the directory's lock meanwhile.
 */
import { createDataDir } from './database.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: create-data-dir <DATA_DIR>');
await createDataDir(dataDir);
