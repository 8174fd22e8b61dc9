import type { CommunityStore, DeliveryStore, MemberStore } from '../domain/ports.js';
import type { Database } from './database.js';
import { PgDeliveryStore } from './pg-delivery-store.js';
import { PgCommunityStore, PgMemberStore } from './pg-member-store.js';

export { openDatabase, type Database, type DatabaseTarget, type OpenDatabase } from './database.js';

export interface Stores {
  communities: CommunityStore;
  members: MemberStore;
  deliveries: DeliveryStore;
}

export function createStores(db: Database): Stores {
  return { communities: new PgCommunityStore(db), members: new PgMemberStore(db), deliveries: new PgDeliveryStore(db) };
}
