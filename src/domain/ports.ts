import type { ClientIdentity } from './client-identity.js';
import type { Delivery, DeliveryStatus, NewDelivery } from './delivery.js';
import type { Community, Member, Platform } from './member.js';

/** Storage the domain needs. Implemented over SQL in src/store; nothing here knows SQL. */

export interface CommunityStore {
  /** The community for a platform server or workspace, created on first sight. */
  ensureCommunity(ref: { platform: Platform; platformCommunityId: string; name: string }): Promise<Community>;
}

export interface MemberStore {
  /** The member for a platform user, created on first sight; the display name is refreshed. */
  ensureMember(ref: { platform: Platform; platformUserId: string; displayName: string }): Promise<Member>;
}

export interface NewDeliveryRecord extends NewDelivery {
  client: ClientIdentity;
  writerId: number;
  communityId: number;
}

export type DeliveryScope = 'open' | 'all';

export interface DeliveryPage {
  deliveries: Delivery[];
  /** How many match in all, beyond the page. */
  total: number;
}

export interface DeliveryStore {
  /**
   * Stores a delivery, creating its client on first sight, and gives it the writer's next
   * short number. All or nothing.
   */
  record(delivery: NewDeliveryRecord, now: Date): Promise<Delivery>;
  findByNumber(writerId: number, number: number): Promise<Delivery | undefined>;
  /**
   * Newest first. `open` means still waiting for something: review, or payment after an
   * acceptance that does not release it (see acceptanceReleasesPayment).
   */
  listByWriter(writerId: number, options: { scope: DeliveryScope; limit: number }): Promise<DeliveryPage>;
  /**
   * Moves a delivery from `from` to `to` only if it is still in `from` (another instance or a
   * button click may have moved it); undefined when it was not.
   */
  changeStatus(change: { id: number; from: DeliveryStatus; to: DeliveryStatus; at: Date }): Promise<Delivery | undefined>;
}
