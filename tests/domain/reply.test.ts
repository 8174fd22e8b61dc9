import { describe, expect, it } from 'vitest';
import { nudgeKey } from '../../src/domain/nudge-plan.js';
import { buttonId, buttonRef, parseButtonId } from '../../src/domain/reply.js';

describe('button ids', () => {
  it('round-trip the action and the delivery, with or without the key of the nudge they sit under', () => {
    const key = nudgeKey(123_456, 3);
    expect(buttonId({ action: 'accept', deliveryId: 42 })).toBe('kenshu:accept:42');
    expect(buttonId({ action: 'accept', deliveryId: 42 }, key)).toBe(`kenshu:accept:42:${key}`);
    for (const id of [buttonId({ action: 'snooze', deliveryId: 123_456 }), buttonId({ action: 'snooze', deliveryId: 123_456 }, key)]) {
      expect(parseButtonId(id)).toEqual({ action: 'snooze', deliveryId: 123_456 });
    }
    expect(buttonRef(buttonId({ action: 'pay', deliveryId: 123_456 }, key))).toBe(key);
    expect(buttonRef(buttonId({ action: 'pay', deliveryId: 123_456 }))).toBeUndefined();
  });

  it('refuse anything else: unknown actions, extra parts, keys that are no nudge key', () => {
    for (const id of ['kenshu:explode:1', 'kenshu:accept:1:KN1S1', 'kenshu:accept:1:kn1s1:more', `kenshu:accept:1:${'k'.repeat(26)}`, 'kenshu:accept:', 'kenshu:accept:1:', 'other:accept:1']) {
      expect(parseButtonId(id)).toBeUndefined();
      expect(buttonRef(id)).toBeUndefined();
    }
  });
});
