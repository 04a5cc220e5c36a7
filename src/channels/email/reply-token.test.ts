import { describe, expect, it } from 'vitest';
import { newId } from '../../lib/crypto.js';
import { replyAddress, replyToken, tokenFromAddress, verifyReplyToken } from './reply-token.js';

const SECRET = 'a'.repeat(40);

describe('reply tokens', () => {
  it('round-trip, fit an email local part, survive case folding', () => {
    const userId = newId();
    const token = replyToken(SECRET, 1042, userId);
    const address = replyAddress('support@example.com', token);
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    const back = tokenFromAddress('support@example.com', address.toUpperCase());
    expect(verifyReplyToken(SECRET, back ?? '')).toEqual({ ticketNumber: 1042, userId });
  });

  it('refuse a forged, altered or foreign token', () => {
    const userId = newId();
    const token = replyToken(SECRET, 1042, userId);
    expect(verifyReplyToken('b'.repeat(40), token)).toBeNull();
    expect(verifyReplyToken(SECRET, token.replace(/^1042/, '1043'))).toBeNull();
    const other = replyToken(SECRET, 1042, newId());
    expect(
      verifyReplyToken(SECRET, `${token.split('.').slice(0, 2).join('.')}.${other.split('.')[2]}`),
    ).toBeNull();
    expect(verifyReplyToken(SECRET, 'garbage')).toBeNull();
    expect(tokenFromAddress('support@example.com', `other+${token}@example.com`)).toBeNull();
  });
});
