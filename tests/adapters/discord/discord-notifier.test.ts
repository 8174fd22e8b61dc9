import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { classifyDiscordError } from '../../../src/adapters/discord/discord-notifier.js';

const apiError = (code: number, status: number) => new DiscordAPIError({ code, message: 'x' }, code, status, 'POST', '/channels/1/messages', { body: undefined, files: undefined });

describe("what Discord's answers mean for a nudge", () => {
  it.each([
    [50007, 403, 'unreachable'], // DMs closed
    [10013, 404, 'unreachable'], // unknown user
    [10003, 404, 'unreachable'], // unknown channel
    [50001, 403, 'unreachable'], // missing access
    [50013, 403, 'unreachable'], // missing permissions
    [0, 500, 'transient'],
    [50035, 400, 'transient'],
  ])('code %i (HTTP %i) is %s', (code, status, kind) => {
    expect(classifyDiscordError(apiError(code, status)).kind).toBe(kind);
  });

  it('treats rate limits, server errors and network failures as transient, keeping retry_after', () => {
    const limited = new RateLimitError({ timeToReset: 1000, limit: 5, method: 'POST', hash: 'h', url: 'u', route: '/channels/:id/messages', majorParameter: '1', global: false, retryAfter: 1500, sublimitTimeout: 0, scope: 'user' });
    expect(classifyDiscordError(limited)).toEqual({ kind: 'transient', reason: 'rate limited on /channels/:id/messages', retryAfterMs: 1500 });
    expect(classifyDiscordError(new HTTPError(502, 'Bad Gateway', 'POST', 'u', { body: undefined, files: undefined })).kind).toBe('transient');
    expect(classifyDiscordError(new Error('ECONNRESET')).kind).toBe('transient');
  });
});
