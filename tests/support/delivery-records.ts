import { parseClientIdentity } from '../../src/domain/client-identity.js';
import type { NewDeliveryRecord } from '../../src/domain/ports.js';

/** A delivery as the domain hands it to the store: a CrowdWorks article, with `overrides`. */
export function newDelivery(writerId: number, communityId: number, overrides: Partial<NewDeliveryRecord> = {}): NewDeliveryRecord {
  return {
    client: parseClientIdentity('株式会社アクメ'),
    title: 'SEO記事 10本',
    marketplace: 'crowdworks',
    amount: 5000,
    currency: 'JPY',
    deliveredAt: new Date('2026-11-01T03:00:00.123Z'),
    escrow: 'funded',
    jobUrl: 'https://crowdworks.jp/public/jobs/1234567',
    clientName: '株式会社アクメ',
    letterLocale: 'ja',
    dueAt: null,
    dueTerms: null,
    writerId,
    communityId,
    nextNudgeAt: new Date('2026-11-04T03:00:00.000Z'),
    ...overrides,
  };
}
