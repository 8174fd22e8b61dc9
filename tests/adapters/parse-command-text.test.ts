import { describe, expect, it } from 'vitest';
import { bindPositionals, parseCommandText } from '../../src/adapters/text/parse-command-text.js';
import { exampleOf } from '../../src/commands/examples.js';
import { commands, findCommand } from '../../src/commands/index.js';
import { DomainError } from '../../src/domain/errors.js';
import { describeError } from '../../src/i18n/index.js';
import { errorOf } from '../support/errors.js';

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
    // A Japanese keyboard: the full-width slash and spaces, and option names typed full-width.
    ['／deliver\u3000list', ['deliver', 'list'], {}],
    // The command word is folded here; the rest is folded where it is read (findCommand, options).
    ['／ｄｅｌｉｖｅｒ　ｌｉｓｔ　ｓｈｏｗ：ａｌｌ', ['deliver', 'ｌｉｓｔ'], { show: 'ａｌｌ' }],
    // A client named by marketplace and id is a value, not an option called crowdworks.
    ['/client lookup crowdworks:4455667', ['client', 'lookup', 'crowdworks:4455667'], {}],
    ['/client flag client:lancers:beta_inc reason:unpaid', ['client', 'flag'], { client: 'lancers:beta_inc', reason: 'unpaid' }],
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

describe('typed command paths', () => {
  it('finds a command typed with full-width letters', () => {
    const { words } = parseCommandText('／ｄｅｌｉｖｅｒ　ｌｉｓｔ');
    expect(findCommand(words)?.command).toBe(findCommand(['deliver', 'list'])!.command);
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

describe('a value with nowhere to go shows how the command is typed', () => {
  const accepted = findCommand(['deliver', 'accepted'])!.command;

  it('/deliver accepted 1 2 suggests /deliver accepted 3, not a title', () => {
    const error = errorOf(() => bindPositionals(accepted, ['1', '2'], {}));
    expect(describeError(error, 'en')).toBe('I don\'t know what "2" is for. /deliver accepted is typed like this: /deliver accepted 3');
    expect(describeError(error, 'ja')).toBe('「2」が何の値か分かりません。/deliver accepted は次のように入力します: /deliver accepted 3');
  });

  it('/deliver new Acme shows the named options of /deliver new', () => {
    const create = findCommand(['deliver', 'new'])!.command;
    expect(describeError(errorOf(() => bindPositionals(create, ['Acme'], {})), 'en')).toContain('/deliver new client:"Acme Media" title:"SEO記事" marketplace:crowdworks');
  });

  it.each(commands.map((c) => [exampleOf(c), c] as const))('the example %s is read as its own command and is valid input', (example, command) => {
    const { words, options } = parseCommandText(example);
    const found = findCommand(words);
    expect(found?.command).toBe(command);
    const input = bindPositionals(command, words.slice(found!.consumed), options);
    expect(command.input.safeParse(input).success).toBe(true);
  });
});

it('an option given twice is answered with the option to give once', () => {
  const error = errorOf(() => parseCommandText('/deliver new title:a title:b'));
  expect(describeError(error, 'en')).toBe('The option "title" was given twice. Give it once.');
  expect(describeError(error, 'ja')).toBe('オプション「title」が2回指定されています。1回だけ指定してください。');
});
