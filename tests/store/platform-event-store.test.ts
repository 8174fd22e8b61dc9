import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../../src/store/index.js';
import { testDatabaseKinds, type TestDatabase } from '../support/databases.js';

const NOW = new Date('2026-11-26T03:00:00.000Z');
const HOUR = 3_600_000;

/** Slack resends an event with the same id; several instances share one database. */
describe.each(testDatabaseKinds)('platform events on $name', (kind) => {
  let database: TestDatabase;
  let stores: Stores;

  beforeAll(async () => {
    database = await kind.open();
    stores = createStores(database.db);
  });
  afterAll(async () => {
    await database?.destroy();
  });

  it('lets the first claim of an event id through and refuses every repeat, per platform', async () => {
    expect(await stores.platformEvents.claim({ platform: 'slack', eventId: 'Ev1' }, NOW)).toBe(true);
    expect(await stores.platformEvents.claim({ platform: 'slack', eventId: 'Ev1' }, new Date(NOW.getTime() + 1000))).toBe(false);
    expect(await stores.platformEvents.claim({ platform: 'discord', eventId: 'Ev1' }, NOW)).toBe(true);
    expect(await stores.platformEvents.claim({ platform: 'slack', eventId: 'Ev2' }, NOW)).toBe(true);
  });

  it('lets exactly one of several claims made at once through', async () => {
    const claims = await Promise.all(Array.from({ length: 8 }, () => stores.platformEvents.claim({ platform: 'slack', eventId: 'EvRace' }, NOW)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('forgets only the claims made before the given time', async () => {
    await stores.platformEvents.claim({ platform: 'slack', eventId: 'EvOld' }, new Date(NOW.getTime() - 48 * HOUR));
    expect(await stores.platformEvents.forgetBefore(new Date(NOW.getTime() - 24 * HOUR))).toBe(1);
    expect(await stores.platformEvents.claim({ platform: 'slack', eventId: 'EvOld' }, NOW)).toBe(true);
    expect(await stores.platformEvents.claim({ platform: 'slack', eventId: 'Ev1' }, NOW)).toBe(false);
  });
});
