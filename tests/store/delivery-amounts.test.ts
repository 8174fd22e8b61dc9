import { describe, expect, it } from 'vitest';
import { getTableConfig } from 'drizzle-orm/pg-core';
import { LIMITS } from '../../src/domain/limits.js';
import { fromMinorUnits, toMinorUnits } from '../../src/domain/money.js';
import { type Stores } from '../../src/store/index.js';
import { deliveries } from '../../src/store/schema.js';
import { newDelivery } from '../support/delivery-records.js';
import { testDatabaseKinds, useStoreDatabase } from '../support/databases.js';

const NOW = new Date('2026-11-26T03:00:00.000Z');

/** The most minor-unit digits any ISO 4217 currency has, as Intl knows them (BHD, KWD, OMR… have 3). */
const mostFractionDigits = Math.max(
  ...Intl.supportedValuesOf('currency').map((currency) => new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 0),
);

describe('the amount column', () => {
  it('holds whole minor units, with room for the largest amount accepted in the currency with the most digits', () => {
    const amount = getTableConfig(deliveries).columns.find((c) => c.name === 'amount_minor')!;
    expect(amount.getSQLType()).toBe('bigint');
    expect(getTableConfig(deliveries).columns.some((c) => c.name === 'amount')).toBe(false);
    // Read back as a JavaScript number: exact up to 2^53.
    expect(LIMITS.amountMax * 10 ** mostFractionDigits).toBeLessThan(Number.MAX_SAFE_INTEGER);
  });

  it.each([
    [1.239, 'BHD', 1239],
    [0.001, 'KWD', 1],
    [5000, 'JPY', 5000],
    [12.5, 'USD', 1250],
    [19.99, 'USD', 1999],
  ])('%d %s is %d minor units, and back', (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toBe(minor);
    expect(fromMinorUnits(minor, currency)).toBe(amount);
  });
});

/** Amounts come back as recorded, in every currency's own minor units: 1.239 dinars are not 1.24. */
describe.each(testDatabaseKinds)('delivery amounts on $name', (kind) => {
  let stores: Stores;
  let communityId: number;
  let userSeq = 0;
  const newWriter = async () => (await stores.members.ensureMember({ platform: 'discord', platformUserId: `amounts-${++userSeq}`, displayName: `Writer ${userSeq}` })).id;

  useStoreDatabase(kind, (suite) => ({ stores, communityId } = suite));

  it.each([
    [1.239, 'BHD'],
    [0.001, 'KWD'],
    [LIMITS.amountMax - 0.001, 'OMR'],
    [LIMITS.amountMax, 'JPY'],
    [12.5, 'USD'],
  ])('records %d %s and reads it back exactly', async (amount, currency) => {
    const writer = await newWriter();
    const recorded = await stores.deliveries.record(newDelivery(writer, communityId, { marketplace: 'direct', amount, currency }), NOW);
    expect(recorded.amount).toBe(amount);
    expect((await stores.deliveries.findByNumber(writer, recorded.number))?.amount).toBe(amount);
  });

  it('sums three-decimal amounts exactly in what is still owed', async () => {
    const writer = await newWriter();
    for (const amount of [1.239, 2.5, 0.001]) await stores.deliveries.record(newDelivery(writer, communityId, { marketplace: 'direct', amount, currency: 'BHD' }), NOW);
    await stores.deliveries.record(newDelivery(writer, communityId, { amount: 5000, currency: 'JPY' }), NOW);
    expect((await stores.deliveries.unpaidTotals(writer)).byCurrency).toEqual([
      { currency: 'BHD', amount: 3.74, count: 3 },
      { currency: 'JPY', amount: 5000, count: 1 },
    ]);
  });
});
