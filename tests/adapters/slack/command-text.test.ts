import { describe, expect, it } from 'vitest';
import { unescapeCommandText } from '../../../src/adapters/slack/command-text.js';

describe('a Slack slash command’s text', () => {
  it.each([
    ['settings mod_channel:<#C0MODS123|mods> fallback_channel:<#G0PRIV12>', 'settings mod_channel:C0MODS123 fallback_channel:G0PRIV12'],
    ['settings add_moderator:<@U0ALICE|alice> remove_moderator:<@W0BOB>', 'settings add_moderator:U0ALICE remove_moderator:W0BOB'],
    ['lookup <https://crowdworks.jp/public/employers/8800|crowdworks.jp/public/employers/8800>', 'lookup https://crowdworks.jp/public/employers/8800'],
    ['new client:"Tom &amp; Jerry &lt;Inc&gt;" title:x', 'new client:"Tom & Jerry <Inc>" title:x'],
    ['note:&amp;lt; stays typed', 'note:&lt; stays typed'],
    ['queue', 'queue'],
  ])('%s → %s', (sent, typed) => {
    expect(unescapeCommandText(sent)).toBe(typed);
  });
});
