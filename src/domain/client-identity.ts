import { DomainError } from './errors.js';
import { LIMITS } from './limits.js';
import type { Marketplace } from './marketplace.js';

/**
 * Who a client is. A marketplace profile is identified by the platform and the profile id in its
 * URL (`crowdworks:123456`); a client known only by name is identified by the normalized name,
 * so 「株式会社アクメ」, "ｱｸﾒ(株)" and "あくめ" are one client.
 */
export type ClientIdentity =
  | { kind: 'profile'; key: string; marketplace: Marketplace; profileId: string; profileUrl: string; displayName: string }
  | { kind: 'name'; key: string; normalizedName: string; displayName: string };

interface ProfileRule {
  marketplace: Marketplace;
  hosts: readonly string[];
  /** What a profile id looks like on this marketplace, for ids typed as `marketplace:id`. */
  id: RegExp;
  /** Matched against the URL path; group 1 is the profile id. */
  profile: readonly RegExp[];
  /** The profile's address as the marketplace itself writes it, for links in replies. */
  canonical: (id: string) => string;
}

const PROFILE_RULES: readonly ProfileRule[] = [
  {
    marketplace: 'crowdworks',
    hosts: ['crowdworks.jp'],
    id: /^\d{1,12}$/,
    profile: [/^\/public\/employers\/(\d{1,12})(?:\/|$)/],
    canonical: (id) => `https://crowdworks.jp/public/employers/${id}`,
  },
  {
    marketplace: 'lancers',
    hosts: ['lancers.jp'],
    id: /^[A-Za-z0-9_-]{1,64}$/,
    // Lancers profiles are addressed by user name; /client/ is the client view of the same page.
    profile: [/^\/client\/([A-Za-z0-9_-]{1,64})(?:\/|$)/, /^\/profile\/([A-Za-z0-9_-]{1,64})(?:\/|$)/],
    canonical: (id) => `https://www.lancers.jp/client/${id}`,
  },
  {
    marketplace: 'coconala',
    hosts: ['coconala.com'],
    id: /^\d{1,12}$/,
    profile: [/^\/users\/(\d{1,12})(?:\/|$)/],
    canonical: (id) => `https://coconala.com/users/${id}`,
  },
  {
    marketplace: 'upwork',
    hosts: ['upwork.com'],
    id: /^~[0-9a-z]{6,40}$/i,
    // Upwork identifies companies by a "ciphertext" such as ~01a2b3c4d5e6f7a8b9.
    profile: [/^\/(?:o\/)?companies\/(~[0-9a-z]{6,40})(?:\/|$)/i],
    canonical: (id) => `https://www.upwork.com/companies/${id}`,
  },
];

const URL_LIKE = /^(?:https?:\/\/)?(?:[a-z0-9-]+\.)+[a-z]{2,}\.?(?::\d{1,5})?(?:[/?#]|$)/i;

function ruleForHost(host: string): ProfileRule | undefined {
  const bare = host.toLowerCase().replace(/\.$/, '');
  return PROFILE_RULES.find((r) => r.hosts.some((h) => bare === h || bare.endsWith(`.${h}`)));
}

function toUrl(text: string): URL | undefined {
  const withScheme = /^https?:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** The marketplace a URL belongs to (any page: profile, job, service), if Kenshu knows it. */
export function marketplaceOfUrl(text: string): Marketplace | undefined {
  const url = toUrl(text.trim());
  return url ? ruleForHost(url.hostname)?.marketplace : undefined;
}

/** `crowdworks:123456` typed directly, as moderators and lookups do. */
const PROFILE_KEY = /^(crowdworks|lancers|coconala|upwork):([A-Za-z0-9_~-]{1,64})$/i;

/**
 * Turns what a writer typed into a client identity: a profile URL of a known marketplace, a
 * `marketplace:id` key, or else a business or person's name. `field` is the option it came from,
 * for the error that says it is too long.
 */
export function parseClientIdentity(raw: string, field = 'client'): ClientIdentity {
  const text = raw.normalize('NFKC').trim();
  // The limit applies to what is stored: NFKC can lengthen a name (㍿ is 株式会社, ﬃ is ffi),
  // so a name within the limit as typed may not be once normalized.
  if (text.length > LIMITS.clientLength) {
    throw new DomainError('INVALID_INPUT', { field, issue: 'too_long', max: LIMITS.clientLength });
  }
  if (text.length === 0) throw new DomainError('CLIENT_REQUIRED');

  const key = PROFILE_KEY.exec(text);
  if (key) {
    const rule = PROFILE_RULES.find((r) => r.marketplace === key[1]!.toLowerCase())!;
    // Upwork ids are written with and without their leading ~; the URL form has it.
    const id = rule.marketplace === 'upwork' && !key[2]!.startsWith('~') ? `~${key[2]!}` : key[2]!;
    if (!rule.id.test(id)) throw new DomainError('CLIENT_URL_UNRECOGNIZED', { url: text, marketplace: rule.marketplace });
    return profileIdentity(rule, id);
  }

  if (URL_LIKE.test(text)) {
    const hasScheme = /^https?:\/\//i.test(text);
    const url = toUrl(text);
    const rule = url && ruleForHost(url.hostname);
    if (url && rule) {
      const path = url.pathname.replace(/\/{2,}/g, '/');
      for (const pattern of rule.profile) {
        const match = pattern.exec(path);
        if (match) return profileIdentity(rule, match[1]!);
      }
      // A job or service page of a marketplace does not say who the client is.
      throw new DomainError('CLIENT_URL_UNRECOGNIZED', { url: text, marketplace: rule.marketplace });
    }
    // A link to some other site says nothing stable about the client; a bare "acme.co.jp" is
    // how some direct clients are known, so it stays a name.
    if (hasScheme) throw new DomainError('CLIENT_URL_UNRECOGNIZED', { url: text });
  }

  const normalizedName = normalizeClientName(text);
  if (normalizedName.length === 0) throw new DomainError('CLIENT_REQUIRED');
  return { kind: 'name', key: `name:${normalizedName}`, normalizedName, displayName: collapseSpaces(text) };
}

function profileIdentity(rule: ProfileRule, rawId: string): ClientIdentity {
  // Numeric ids and Upwork ciphertexts are case-insensitive; Lancers user names are too.
  const profileId = rawId.toLowerCase();
  return {
    kind: 'profile',
    key: `${rule.marketplace}:${profileId}`,
    marketplace: rule.marketplace,
    profileId,
    profileUrl: rule.canonical(profileId),
    displayName: `${rule.marketplace}:${profileId}`,
  };
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Legal-form words that say nothing about which business it is. They are removed only where a
 * legal form stands, at the start or the end of the name (前株 / 後株, "…, Inc."), so that
 * "Limited Run Games" or "Inc Media" keep their words.
 */
const LEGAL_FORMS_JA = ['株式会社', '有限会社', '合同会社', '合資会社', '合名会社', '一般社団法人', '一般財団法人', '(株)', '(有)', '(同)'].map((f) =>
  f.normalize('NFKC'),
);
const LEGAL_FORM_SUFFIX_LATIN = /[\s,.]+(?:inc|incorporated|llc|l\.l\.c|ltd|limited|co\.?,? ?ltd|co|corp|corporation)\.?$/;

function stripLegalForms(text: string): string {
  let t = text.trim();
  let before;
  do {
    before = t;
    for (const form of LEGAL_FORMS_JA) {
      if (t.startsWith(form)) t = t.slice(form.length).trim();
      if (t.endsWith(form)) t = t.slice(0, -form.length).trim();
    }
    const latin = t.replace(LEGAL_FORM_SUFFIX_LATIN, '').trim();
    if (latin.length > 0) t = latin;
  } while (t !== before);
  return t;
}

const HIRAGANA_START = 0x3041;
const HIRAGANA_END = 0x3096;
const KANA_OFFSET = 0x60;

/** Katakana → hiragana, so ワークス and わーくす compare equal. */
function foldKana(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out += code >= HIRAGANA_START + KANA_OFFSET && code <= HIRAGANA_END + KANA_OFFSET ? String.fromCodePoint(code - KANA_OFFSET) : ch;
  }
  return out;
}

/**
 * The comparable form of a client's name: NFKC (full-width and half-width folded, ㈱ → (株)),
 * lower case, leading or trailing legal forms such as 株式会社 / (株) / Inc. / LLC removed,
 * katakana folded to hiragana, punctuation and spaces dropped (Japanese names are written
 * without spaces, so "Acme Media" and "AcmeMedia" are one name).
 */
export function normalizeClientName(name: string): string {
  const text = foldKana(stripLegalForms(name.normalize('NFKC').toLowerCase()));
  // Keep letters, digits and the prolonged sound mark (ー is part of a word in Japanese).
  return text.replace(/[^\p{L}\p{N}ー]+/gu, '');
}

/** Abbreviated legal forms and the words a letter writes out instead (㈱ is (株) after NFKC). */
const LEGAL_FORM_ABBREVIATIONS: readonly [RegExp, string][] = [
  [/\(株\)/g, '株式会社'],
  [/\(有\)/g, '有限会社'],
  [/\(同\)/g, '合同会社'],
  [/\(資\)/g, '合資会社'],
  [/\(名\)/g, '合名会社'],
  [/\(一社\)/g, '一般社団法人'],
  [/\(一財\)/g, '一般財団法人'],
];
const COMPANY_WORDS_JA = /株式会社|有限会社|合同会社|合資会社|合名会社|社団法人|財団法人|NPO法人|特定非営利活動法人|医療法人|学校法人|社会福祉法人|事務所|商店|工房/;
const COMPANY_WORDS_LATIN = /(?:^|[\s,.])(?:inc|incorporated|llc|l\.l\.c|ltd|limited|corp|corporation|co|company|gmbh|k\.k|agency|studio|media|group|team)\.?$/i;

/**
 * How a letter names the client: the name as the writer typed it, with an abbreviated legal form
 * written out ((株)アクメ → 株式会社アクメ), and whether it names a business (addressed
 * 「… ご担当者様」 / "Dear … team") rather than a person (「…様」 / "Dear …").
 */
export function letterName(typed: string): { name: string; business: boolean } {
  let name = collapseSpaces(typed.normalize('NFKC'));
  for (const [abbreviation, full] of LEGAL_FORM_ABBREVIATIONS) name = name.replace(abbreviation, full);
  name = name.replace(/\s*(?:様|さま|御中|殿)$/u, '');
  return { name, business: COMPANY_WORDS_JA.test(name) || COMPANY_WORDS_LATIN.test(name) };
}
