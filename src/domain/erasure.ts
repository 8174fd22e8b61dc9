import type { Clock } from './clock.js';
import { DomainError } from './errors.js';
import type { ErasureSummary, PrivacyStore } from './privacy.js';

/**
 * Erases the data of the member who confirmed. The button carries the id of the member it was
 * shown to; it proves nothing, so it must name the one pressing it: a forged or forwarded button
 * erases nobody, the presser included.
 */
export async function eraseOwnData(
  deps: { privacy: PrivacyStore; clock: Clock },
  asker: { memberId: number; communityId: number },
  memberIdOnButton: number,
): Promise<ErasureSummary | undefined> {
  if (memberIdOnButton !== asker.memberId) throw new DomainError('UNKNOWN_BUTTON');
  return deps.privacy.eraseMember({ memberId: asker.memberId, communityId: asker.communityId, at: deps.clock.now() });
}
