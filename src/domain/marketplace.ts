import type { Locale } from './member.js';

/** The marketplaces Kenshu knows the rules of; `direct` is a client found outside any platform. */
export const MARKETPLACES = ['crowdworks', 'lancers', 'coconala', 'upwork', 'direct', 'other'] as const;
export type Marketplace = (typeof MARKETPLACES)[number];

/**
 * The marketplaces that are platforms: they hold the fee in escrow (when funded) and have a
 * support desk to ask. A direct deal, or one on a site Kenshu does not know, has neither.
 */
const PLATFORM_MARKETPLACES = ['crowdworks', 'lancers', 'coconala', 'upwork'] as const satisfies readonly Marketplace[];
export type PlatformMarketplace = (typeof PLATFORM_MARKETPLACES)[number];

export function isPlatform(marketplace: Marketplace): marketplace is PlatformMarketplace {
  return (PLATFORM_MARKETPLACES as readonly Marketplace[]).includes(marketplace);
}

export const ESCROW_STATES = ['funded', 'not_funded', 'unknown'] as const;
export type Escrow = (typeof ESCROW_STATES)[number];

export const MARKETPLACE_LABELS: Record<Marketplace, { en: string; ja: string }> = {
  crowdworks: { en: 'CrowdWorks', ja: 'クラウドワークス' },
  lancers: { en: 'Lancers', ja: 'ランサーズ' },
  coconala: { en: 'Coconala', ja: 'ココナラ' },
  upwork: { en: 'Upwork', ja: 'Upwork' },
  direct: { en: 'Direct client', ja: '直接取引' },
  other: { en: 'Other', ja: 'その他' },
};

/**
 * CrowdWorks, Lancers and Coconala take the fee into escrow (仮払い) before work starts, so a
 * delivery there is funded unless the writer says otherwise. Upwork depends on the milestone;
 * outside a platform there is no escrow at all.
 */
export function defaultEscrow(marketplace: Marketplace): Escrow {
  switch (marketplace) {
    case 'crowdworks':
    case 'lancers':
    case 'coconala':
      return 'funded';
    case 'upwork':
      return 'unknown';
    case 'direct':
    case 'other':
      return 'not_funded';
  }
}

/**
 * Acceptance releases payment only where a platform holds the fee in escrow: the escrow state and
 * the marketplaces for which it holds. The store derives its SQL from this one definition.
 */
export const PAYMENT_RELEASED_ON_ACCEPTANCE = { escrow: 'funded', marketplaces: PLATFORM_MARKETPLACES } as const satisfies { escrow: Escrow; marketplaces: readonly Marketplace[] };

export function acceptanceReleasesPayment(marketplace: Marketplace, escrow: Escrow): boolean {
  const rule = PAYMENT_RELEASED_ON_ACCEPTANCE;
  return escrow === rule.escrow && (rule.marketplaces as readonly Marketplace[]).includes(marketplace);
}

/**
 * The language letters to the client and the desk are written in, unless the writer picks
 * another: Japanese on the Japanese platforms, English on Upwork, the writer's own outside them.
 */
export function defaultLetterLocale(marketplace: Marketplace, writerLocale: Locale): Locale {
  switch (marketplace) {
    case 'crowdworks':
    case 'lancers':
    case 'coconala':
      return 'ja';
    case 'upwork':
      return 'en';
    case 'direct':
    case 'other':
      return writerLocale;
  }
}
