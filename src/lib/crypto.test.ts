import { describe, expect, it } from 'vitest';
import { decryptText, encryptText, newId } from './crypto.js';

describe('newId', () => {
  it('is a UUIDv7 and sorts in creation order, also within one millisecond', () => {
    const ids = Array.from({ length: 5000 }, () => newId());
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('encryptText', () => {
  const secret = 'a-long-installation-secret-of-some-entropy';
  it('round-trips, and the same text encrypts differently each time', () => {
    const a = encryptText(secret, 'purpose', 'token 123 ✓');
    const b = encryptText(secret, 'purpose', 'token 123 ✓');
    expect(a).not.toBe(b);
    expect(a).not.toContain('token');
    expect(decryptText(secret, 'purpose', a)).toBe('token 123 ✓');
  });

  it('refuses another secret, another purpose and altered data', () => {
    const sealed = encryptText(secret, 'purpose', 'hello');
    expect(() => decryptText(`${secret}x`, 'purpose', sealed)).toThrow();
    expect(() => decryptText(secret, 'other purpose', sealed)).toThrow();
    const flipped = `${sealed.slice(0, 10)}${sealed[10] === 'A' ? 'B' : 'A'}${sealed.slice(11)}`;
    expect(() => decryptText(secret, 'purpose', flipped)).toThrow();
    expect(() => decryptText(secret, 'purpose', 'hello')).toThrow();
  });
});
