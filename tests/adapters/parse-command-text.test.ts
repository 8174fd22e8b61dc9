import { describe, expect, it } from 'vitest';
import { bindPositionals, parseCommandText } from '../../src/adapters/text/parse-command-text.js';
import { findCommand } from '../../src/commands/index.js';
import { DomainError } from '../../src/domain/errors.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
  return undefined;
}

describe('parseCommandText', () => {
  it.each([
    ['/deliver new client:"Acme Media" title:SEO記事', ['deliver', 'new'], { client: 'Acme Media', title: 'SEO記事' }],
    ["deliver new client:'single quoted'", ['deliver', 'new'], { client: 'single quoted' }],
    ['/deliver new client:“Curly Quotes” title:「日本語 の 題名」', ['deliver', 'new'], { client: 'Curly Quotes', title: '日本語 の 題名' }],
    ['/deliver new client：全角コロン title：『二重かぎ』', ['deliver', 'new'], { client: '全角コロン', title: '二重かぎ' }],
    ['/deliver new client:"say \\"hi\\""', ['deliver', 'new'], { client: 'say "hi"' }],
    ['/deliver new client:https://crowdworks.jp/public/employers/1 url:https://crowdworks.jp/public/jobs/2', ['deliver', 'new'], { client: 'https://crowdworks.jp/public/employers/1', url: 'https://crowdworks.jp/public/jobs/2' }],
    ['/deliver new delivered:2026-11-01T10:00+09:00', ['deliver', 'new'], { delivered: '2026-11-01T10:00+09:00' }],
    ['/deliver paid 3', ['deliver', 'paid', '3'], {}],
    ['/deliver\u3000paid\u3000#3', ['deliver', 'paid', '#3'], {}],
    ['/deliver new https://example.com/x', ['deliver', 'new', 'https://example.com/x'], {}],
    ['/deliver new Title:Upper', ['deliver', 'new'], { title: 'Upper' }],
    ['/deliver new title:""', ['deliver', 'new'], { title: '' }],
  ])('%s', (text, words, options) => {
    expect(parseCommandText(text)).toEqual({ words, options });
  });

  it('refuses an option given twice', () => {
    expect(codeOf(() => parseCommandText('/deliver new title:a title:b'))).toBe('DUPLICATE_OPTION');
  });

  it.each(['/deliver new client:"Acme', '/deliver new title:「閉じない'])('refuses an unclosed quote: %s', (text) => {
    expect(codeOf(() => parseCommandText(text))).toBe('UNBALANCED_QUOTE');
  });
});

describe('bindPositionals', () => {
  const paid = findCommand(['deliver', 'paid'])!.command;
  const create = findCommand(['deliver', 'new'])!.command;

  it('gives an unnamed value to the positional option', () => {
    expect(bindPositionals(paid, ['3'], {})).toEqual({ delivery: '3' });
  });

  it('leaves a named option alone and refuses a value with nowhere to go', () => {
    expect(codeOf(() => bindPositionals(paid, ['4'], { delivery: '3' }))).toBe('UNEXPECTED_ARGUMENT');
    expect(codeOf(() => bindPositionals(create, ['Acme'], {}))).toBe('UNEXPECTED_ARGUMENT');
  });
});
