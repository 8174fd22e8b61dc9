import { describe, expect, it } from 'vitest';
import { errorCodeOf } from '../support/errors.js';
import { marketplaceOfUrl, normalizeClientName, parseClientIdentity } from '../../src/domain/client-identity.js';
import type { ErrorCode } from '../../src/domain/errors.js';
import type { Marketplace } from '../../src/domain/marketplace.js';

describe('parseClientIdentity: marketplace profile URLs', () => {
  it.each<{ input: string; key: string; marketplace: Marketplace; profileUrl: string }>([
    // CrowdWorks employer pages
    { input: 'https://crowdworks.jp/public/employers/123456', key: 'crowdworks:123456', marketplace: 'crowdworks', profileUrl: 'https://crowdworks.jp/public/employers/123456' },
    { input: 'http://crowdworks.jp/public/employers/123456', key: 'crowdworks:123456', marketplace: 'crowdworks', profileUrl: 'https://crowdworks.jp/public/employers/123456' },
    { input: 'crowdworks.jp/public/employers/123456', key: 'crowdworks:123456', marketplace: 'crowdworks', profileUrl: 'https://crowdworks.jp/public/employers/123456' },
    { input: 'https://crowdworks.jp/public/employers/123456/', key: 'crowdworks:123456', marketplace: 'crowdworks', profileUrl: 'https://crowdworks.jp/public/employers/123456' },
    { input: 'https://crowdworks.jp/public/employers/123456?ref=search&page=2', key: 'crowdworks:123456', marketplace: 'crowdworks', profileUrl: 'https://crowdworks.jp/public/employers/123456' },
    { input: 'https://crowdworks.jp/public/employers/123/works/', key: 'crowdworks:123', marketplace: 'crowdworks', profileUrl: 'https://crowdworks.jp/public/employers/123' },
    { input: 'https://crowdworks.jp/public/employers/123456#reviews', key: 'crowdworks:123456', marketplace: 'crowdworks', profileUrl: 'https://crowdworks.jp/public/employers/123456' },
    { input: 'https://www.crowdworks.jp/public/employers/123456', key: 'crowdworks:123456', marketplace: 'crowdworks', profileUrl: 'https://crowdworks.jp/public/employers/123456' },
    { input: 'https://m.crowdworks.jp/public/employers/123456', key: 'crowdworks:123456', marketplace: 'crowdworks', profileUrl: 'https://crowdworks.jp/public/employers/123456' },
    { input: 'HTTPS://CrowdWorks.JP/public/employers/123456', key: 'crowdworks:123456', marketplace: 'crowdworks', profileUrl: 'https://crowdworks.jp/public/employers/123456' },
    { input: '  https://crowdworks.jp/public/employers/123456  ', key: 'crowdworks:123456', marketplace: 'crowdworks', profileUrl: 'https://crowdworks.jp/public/employers/123456' },
    { input: 'ｈｔｔｐｓ：／／ｃｒｏｗｄｗｏｒｋｓ．ｊｐ／ｐｕｂｌｉｃ／ｅｍｐｌｏｙｅｒｓ／１２３', key: 'crowdworks:123', marketplace: 'crowdworks', profileUrl: 'https://crowdworks.jp/public/employers/123' },
    // Lancers client and profile pages name the same user
    { input: 'https://www.lancers.jp/client/acme_media', key: 'lancers:acme_media', marketplace: 'lancers', profileUrl: 'https://www.lancers.jp/client/acme_media' },
    { input: 'https://www.lancers.jp/profile/acme_media', key: 'lancers:acme_media', marketplace: 'lancers', profileUrl: 'https://www.lancers.jp/client/acme_media' },
    { input: 'lancers.jp/client/Acme-Media/', key: 'lancers:acme-media', marketplace: 'lancers', profileUrl: 'https://www.lancers.jp/client/acme-media' },
    // Coconala user pages
    { input: 'https://coconala.com/users/987654', key: 'coconala:987654', marketplace: 'coconala', profileUrl: 'https://coconala.com/users/987654' },
    { input: 'coconala.com/users/987654?ref=header', key: 'coconala:987654', marketplace: 'coconala', profileUrl: 'https://coconala.com/users/987654' },
    // Upwork company pages, ciphertext folded to lower case
    { input: 'https://www.upwork.com/companies/~01a2b3c4d5e6f7a8b9', key: 'upwork:~01a2b3c4d5e6f7a8b9', marketplace: 'upwork', profileUrl: 'https://www.upwork.com/companies/~01a2b3c4d5e6f7a8b9' },
    { input: 'https://www.upwork.com/o/companies/~01A2B3C4D5E6F7A8B9/', key: 'upwork:~01a2b3c4d5e6f7a8b9', marketplace: 'upwork', profileUrl: 'https://www.upwork.com/companies/~01a2b3c4d5e6f7a8b9' },
  ])('$input gives $key', ({ input, key, marketplace, profileUrl }) => {
    const identity = parseClientIdentity(input);
    expect(identity).toMatchObject({ kind: 'profile', key, marketplace, profileUrl });
    if (identity.kind !== 'profile') throw new Error('unreachable');
    expect(`${identity.marketplace}:${identity.profileId}`).toBe(key);
  });
});

describe('parseClientIdentity: a marketplace:id key typed directly', () => {
  it.each([
    { input: 'crowdworks:12345', key: 'crowdworks:12345', marketplace: 'crowdworks' },
    { input: 'CrowdWorks:12345', key: 'crowdworks:12345', marketplace: 'crowdworks' },
    { input: 'CROWDWORKS:12345', key: 'crowdworks:12345', marketplace: 'crowdworks' },
    { input: '  crowdworks:12345 ', key: 'crowdworks:12345', marketplace: 'crowdworks' },
    { input: 'Lancers:Acme_Media', key: 'lancers:acme_media', marketplace: 'lancers' },
    { input: 'coconala:987654', key: 'coconala:987654', marketplace: 'coconala' },
    { input: 'upwork:~01A2B3C4D5', key: 'upwork:~01a2b3c4d5', marketplace: 'upwork' },
  ])('$input gives $key', ({ input, key, marketplace }) => {
    expect(parseClientIdentity(input)).toMatchObject({ kind: 'profile', key, marketplace });
  });

  it.each([
    ['crowdworks:12345', 'https://crowdworks.jp/public/employers/12345'],
    ['lancers:acme_media', 'https://www.lancers.jp/profile/acme_media'],
    ['coconala:987654', 'coconala.com/users/987654'],
    ['upwork:~01a2b3c4d5e6', 'https://www.upwork.com/companies/~01A2B3C4D5E6'],
  ])('the key %s and the URL %s are the same client', (typed, url) => {
    expect(parseClientIdentity(typed).key).toBe(parseClientIdentity(url).key);
  });
});

describe('parseClientIdentity: input that is not a client', () => {
  it.each<{ why: string; input: string; code: ErrorCode }>([
    { why: 'a CrowdWorks job page', input: 'https://crowdworks.jp/public/jobs/123', code: 'CLIENT_URL_UNRECOGNIZED' },
    { why: 'a CrowdWorks job page without scheme', input: 'crowdworks.jp/public/jobs/123', code: 'CLIENT_URL_UNRECOGNIZED' },
    { why: 'the CrowdWorks home page', input: 'https://crowdworks.jp/', code: 'CLIENT_URL_UNRECOGNIZED' },
    { why: 'a Lancers job page', input: 'https://www.lancers.jp/work/detail/4567890', code: 'CLIENT_URL_UNRECOGNIZED' },
    { why: 'a Coconala service page', input: 'https://coconala.com/services/12345', code: 'CLIENT_URL_UNRECOGNIZED' },
    { why: 'an Upwork job page', input: 'https://www.upwork.com/jobs/~0123456789abcdef', code: 'CLIENT_URL_UNRECOGNIZED' },
    { why: 'an unknown https site', input: 'https://acme.example.com/about', code: 'CLIENT_URL_UNRECOGNIZED' },
    { why: 'an unknown http site', input: 'http://acme.co.jp', code: 'CLIENT_URL_UNRECOGNIZED' },
    { why: 'a look-alike host', input: 'https://evilcrowdworks.jp/public/employers/123', code: 'CLIENT_URL_UNRECOGNIZED' },
    { why: 'an empty string', input: '', code: 'CLIENT_REQUIRED' },
    { why: 'only spaces', input: '   ', code: 'CLIENT_REQUIRED' },
    { why: 'only ideographic spaces and tabs', input: '\u3000\t\u3000', code: 'CLIENT_REQUIRED' },
    { why: 'only a legal form', input: '株式会社', code: 'CLIENT_REQUIRED' },
    { why: 'only punctuation', input: '・・・', code: 'CLIENT_REQUIRED' },
    { why: '301 characters', input: 'a'.repeat(301), code: 'INVALID_INPUT' },
  ])('$why → $code', ({ input, code }) => {
    expect(() => parseClientIdentity(input)).toThrow(expect.objectContaining({ code }));
    expect(errorCodeOf(() => parseClientIdentity(input))).toBe(code);
  });

  it('a marketplace job URL names the marketplace in the error', () => {
    expect(() => parseClientIdentity('https://crowdworks.jp/public/jobs/123')).toThrow(
      expect.objectContaining({ code: 'CLIENT_URL_UNRECOGNIZED', params: { url: 'https://crowdworks.jp/public/jobs/123', marketplace: 'crowdworks' } }),
    );
  });

  it('a name of exactly 300 characters is still accepted', () => {
    const identity = parseClientIdentity('a'.repeat(300));
    expect(identity).toMatchObject({ kind: 'name', normalizedName: 'a'.repeat(300) });
  });

  // NFKC writes some characters out: ㍿ is 株式会社, ﬃ is ffi. The limit is on what is stored.
  it.each([
    ['㍿', '㍿'.repeat(100)],
    ['ﬃ', 'ﬃ'.repeat(101)],
    ['㈱ and ①', `${'㈱'.repeat(60)}${'①'.repeat(130)}`],
  ])('a name that is short as typed but over the limit once normalized (%s) is refused', (_, typed) => {
    expect(typed.length).toBeLessThanOrEqual(300);
    expect(typed.normalize('NFKC').length).toBeGreaterThan(300);
    expect(() => parseClientIdentity(typed)).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', params: { field: 'client', issue: 'too_long', max: 300 } }),
    );
  });

  it('a name exactly at the limit once normalized is accepted', () => {
    expect(parseClientIdentity('ﬃ'.repeat(100))).toMatchObject({ kind: 'name', displayName: 'ffi'.repeat(100) });
  });

  it('the limit names the option the value came from', () => {
    expect(() => parseClientIdentity('ﬃ'.repeat(101), 'profile')).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', params: { field: 'profile', issue: 'too_long', max: 300 } }),
    );
  });

  it('an over-long name reports the field and the limit', () => {
    expect(() => parseClientIdentity('a'.repeat(301))).toThrow(
      expect.objectContaining({ code: 'INVALID_INPUT', params: { field: 'client', issue: 'too_long', max: 300 } }),
    );
  });
});

describe('parseClientIdentity: a client known by name', () => {
  it.each([
    { input: 'acme.co.jp', key: 'name:acmecojp', displayName: 'acme.co.jp' },
    { input: '株式会社アクメ', key: 'name:あくめ', displayName: '株式会社アクメ' },
    { input: '  Acme   Media  Inc. ', key: 'name:acmemedia', displayName: 'Acme Media Inc.' },
    { input: '田中 太郎', key: 'name:田中太郎', displayName: '田中 太郎' },
  ])('$input is the name client $key', ({ input, key, displayName }) => {
    expect(parseClientIdentity(input)).toEqual({ kind: 'name', key, normalizedName: key.slice('name:'.length), displayName });
  });

  it.each([
    { names: ['株式会社アクメ', 'ｱｸﾒ(株)', 'あくめ', '(株)アクメ'], key: 'name:あくめ' },
    { names: ['ＡＣＭＥ　Ｍｅｄｉａ', 'Acme Media, LLC', 'ACME MEDIA Co., Ltd.'], key: 'name:acmemedia' },
  ])('$names are all the one client $key', ({ names, key }) => {
    const keys = new Set(names.map((name) => parseClientIdentity(name).key));
    expect([...keys]).toEqual([key]);
  });
});

describe('normalizeClientName', () => {
  it.each([
    ['株式会社アクメ'],
    ['アクメ株式会社'],
    ['(株)アクメ'],
    ['（株）アクメ'],
    ['㈱アクメ'],
    ['ｱｸﾒ(株)'],
    ['あくめ'],
    ['アクメ'],
    ['有限会社アクメ'],
    ['合同会社 アクメ'],
    ['アクメ㈲'],
  ])('%s normalizes to あくめ', (name) => {
    expect(normalizeClientName(name)).toBe('あくめ');
  });

  it.each([
    ['ＡＣＭＥ　Ｍｅｄｉａ'],
    ['acmemedia'],
    ['Acme Media'],
    ['Acme Media Inc.'],
    ['Acme Media, Inc.'],
    ['Acme Media, LLC'],
    ['Acme Media L.L.C.'],
    ['ACME MEDIA Co., Ltd.'],
    ['Acme Media Co.,Ltd.'],
    ['Acme Media Ltd'],
    ['Acme Media Limited'],
    ['Acme Media Corp.'],
    ['Acme Media Corporation'],
    ['Acme Media Incorporated'],
    ['  Acme\tMedia  '],
    ['Acme-Media'],
  ])('%s normalizes to "acmemedia"', (name) => {
    expect(normalizeClientName(name)).toBe('acmemedia');
  });

  it.each([
    ['ワークス', 'わーくす'],
    ['ﾜｰｸｽ', 'わーくす'],
    ['株式会社ワークス', 'ワークス'],
    ['サーバーワークス', 'さーばーわーくす'],
  ])('katakana %s and %s compare equal, keeping the prolonged sound mark', (a, b) => {
    expect(normalizeClientName(a)).toBe(normalizeClientName(b));
    expect(normalizeClientName(a)).toContain('ー');
  });

  it.each([
    ['ワークス', 'ワクス'],
    ['アクメ', 'アクア'],
    ['Acme Media', 'Acme Medic'],
  ])('%s and %s stay different clients', (a, b) => {
    expect(normalizeClientName(a)).not.toBe(normalizeClientName(b));
  });

  it.each([
    // Legal-form words only count as whole words; words that merely contain them are kept.
    ['Incline Studio', 'inclinestudio'],
    ['Corporate Partners', 'corporatepartners'],
    ['Limitless Design', 'limitlessdesign'],
    ['Llama Writers', 'llamawriters'],
    ['Incorporate Media', 'incorporatemedia'],
    ['Co-op Kobe', 'coopkobe'],
    ['会社員ライターズ', '会社員らいたーず'],
    ['株式市場ニュース', '株式市場にゅーす'],
    ['Acme 2024', 'acme2024'],
  ])('%s keeps its meaningful words: %s', (name, normalized) => {
    expect(normalizeClientName(name)).toBe(normalized);
  });
});

describe('marketplaceOfUrl', () => {
  it.each<[string, Marketplace | undefined]>([
    ['https://crowdworks.jp/public/jobs/123', 'crowdworks'],
    ['crowdworks.jp/public/jobs/123', 'crowdworks'],
    ['https://www.lancers.jp/work/detail/4567890', 'lancers'],
    ['https://coconala.com/services/12345', 'coconala'],
    ['https://www.upwork.com/jobs/~0123', 'upwork'],
    ['https://acme.example.com/job/1', undefined],
    ['ftp://crowdworks.jp/public/jobs/1', undefined],
  ])('%s belongs to %s', (url, marketplace) => {
    expect(marketplaceOfUrl(url)).toBe(marketplace);
  });
});

describe('edge cases of client identity', () => {
  it('reads a profile URL that names the port or ends the host with a dot', () => {
    expect(parseClientIdentity('https://crowdworks.jp:443/public/employers/1').key).toBe('crowdworks:1');
    expect(parseClientIdentity('https://crowdworks.jp./public/employers/2').key).toBe('crowdworks:2');
  });

  it('removes legal forms only where they stand, at the start or the end of a name', () => {
    expect(normalizeClientName('Limited Run Games')).toBe('limitedrungames');
    expect(normalizeClientName('Inc Media')).toBe('incmedia');
    expect(normalizeClientName('Acme Co.')).toBe('acme');
    expect(normalizeClientName('アクメ株式会社')).toBe(normalizeClientName('株式会社アクメ'));
  });

  it('counts the length limit on the name as stored, after ㈱ expands to (株)', () => {
    expect(errorCodeOf(() => parseClientIdentity(`${'㈱'.repeat(149)}アクメ`))).toBe('INVALID_INPUT');
    expect(parseClientIdentity(`${'㈱'.repeat(99)}アクメ`).kind).toBe('name');
  });

  it('checks an id typed as marketplace:id against that marketplace\'s id format', () => {
    expect(errorCodeOf(() => parseClientIdentity('crowdworks:acme'))).toBe('CLIENT_URL_UNRECOGNIZED');
    expect(errorCodeOf(() => parseClientIdentity('coconala:abc'))).toBe('CLIENT_URL_UNRECOGNIZED');
    expect(parseClientIdentity('upwork:01abcdef12').key).toBe(parseClientIdentity('https://www.upwork.com/companies/~01abcdef12').key);
  });
});
