/**
 * Run by `openDatabase` as a child process on a DATA_DIR that holds no database yet: creates the
 * cluster and applies the migrations, then exits. The parent holds the directory's lock meanwhile.
 */
import { initialiseDataDir } from './database.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: init-data-dir <DATA_DIR>');
await initialiseDataDir(dataDir);
