import { describe, expect, it } from 'vitest';
import { parseMail, readable } from '../src/channels/email/parse.js';

// What the charset repair must leave alone, and what it must not make slow.

const latin1 = (s: string) => Buffer.from(s, 'latin1');

describe('charset repair', () => {
  it('reads a 25 MB undeclared 8-bit body in seconds, not tens of seconds', async () => {
    const line = latin1('Grüße aus Köln, die Rechnung für März ist falsch. \r\n');
    const raw = Buffer.concat([
      latin1(
        'From: a@example.com\r\nTo: b@example.com\r\nSubject: Grüße\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
      ),
      ...Array(Math.ceil((25 * 1_048_576) / line.length)).fill(line),
    ]);
    const started = Date.now();
    const fixed = readable(raw);
    // 23 s when the whole body was weighed in every candidate charset; 0.3 s on a sample.
    expect(Date.now() - started).toBeLessThan(5000);
    const mail = await parseMail(raw);
    expect(mail.subject).toBe('Grüße');
    expect(mail.text?.slice(0, 24)).toBe('Grüße aus Köln, die Rech');
    expect(fixed.length).toBeGreaterThan(raw.length - 1000);
  }, 60_000);

  it('leaves UTF-8, encoded words, a declared charset and a binary attachment as they are', async () => {
    const bin = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 37 + 11) & 0xff));
    const utf8 = Buffer.from('From: Ülli <u@example.com>\r\nSubject: Grüße 日本\r\n\r\nHallo\r\n');
    expect(readable(utf8)).toBe(utf8);
    const raw = Buffer.concat([
      Buffer.from(
        'From: =?UTF-8?B?w5xsbGk=?= <u@example.com>\r\nSubject: =?ISO-2022-JP?B?GyRCJUYlOSVIGyhC?= Grüße\r\n' +
          'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b1"\r\n\r\n--b1\r\n' +
          'Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n',
      ),
      latin1('Köln été\r\n'),
      Buffer.from(
        '--b1\r\nContent-Type: application/octet-stream; name="x.bin"\r\nContent-Disposition: attachment; filename="x.bin"\r\nContent-Transfer-Encoding: binary\r\n\r\n',
      ),
      bin,
      Buffer.from('\r\n--b1--\r\n'),
    ]);
    const mail = await parseMail(raw);
    expect(mail.from?.text).toBe('"Ülli" <u@example.com>');
    expect(mail.subject).toBe('テスト Grüße');
    expect(mail.text).toBe('Köln été');
    expect(mail.attachments[0]?.content.equals(bin)).toBe(true);
  });
});
