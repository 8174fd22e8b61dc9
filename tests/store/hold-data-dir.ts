/**
 * A Kenshu that opens an embedded database directory, writes a member and holds the directory
 * until it is killed: `node --import tsx hold-data-dir.ts <dataDir> <staleMs>` (or compiled).
 */
import { createStores, openDatabase } from '../../src/store/index.js';

const [dataDir, staleMs] = process.argv.slice(2);
if (!dataDir || !staleMs) throw new Error('usage: hold-data-dir.ts <dataDir> <staleMs>');
const database = await openDatabase({ dataDir, lock: { staleMs: Number(staleMs) } });
await createStores(database.db).members.ensureMember({ platform: 'discord', platformUserId: 'held-by-the-killed-one', displayName: 'Killed holder' });
process.stdout.write('holding\n');
setInterval(() => undefined, 60_000);
