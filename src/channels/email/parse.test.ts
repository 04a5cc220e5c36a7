import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseMail, readable } from './parse.js';

// Raw 8-bit mail built byte by byte: headers and bodies in a legacy charset, not RFC 2047 encoded.
function mail(
  charset: string,
  { name = '', subject = '', body = '', contentType = 'text/plain', cte = '8bit' },
) {
  const enc = (s: string) => iconv.encode(s, charset);
  const ascii = (s: string) => Buffer.from(s, 'ascii');
  return Buffer.concat([
    ascii('From: '),
    enc(name),
    ascii(' <sender@example.test>\r\nTo: support@helpdesk.test\r\nSubject: '),
    enc(subject),
    ascii(
      `\r\nMIME-Version: 1.0\r\nContent-Type: ${contentType}\r\nContent-Transfer-Encoding: ${cte}\r\n\r\n`,
    ),
    cte === 'quoted-printable'
      ? ascii([...enc(body)].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''))
      : enc(body),
    ascii('\r\n'),
  ]);
}

describe('parseMail reads raw 8-bit headers and undeclared bodies', () => {
  it.each([
    ['gb2312', '张伟', '打印机无法连接网络', '您好，我的打印机从昨天开始无法连接到网络，请帮忙处理。'],
    [
      'shift_jis',
      '山田太郎',
      'プリンターが接続できません',
      '昨日からプリンターがネットワークに接続できません。',
    ],
    ['shift_jis', '山田', '接続', 'テスト'],
    // Only a few header bytes to go by: the body is ASCII.
    ['gb2312', '张伟', '网络', 'hello'],
    ['shift_jis', '山田', '接続', 'hello'],
    ['windows-1252', 'Jürgen', 'ä', 'Grüße'],
    ['euc-kr', '김민준', '프린터가 연결되지 않습니다', '어제부터 프린터가 네트워크에 연결되지 않습니다.'],
    ['koi8-r', 'Иван Петров', 'Принтер не работает', 'Здравствуйте, принтер не работает.'],
    ['windows-1252', 'Jürgen Müller', 'Zähler läuft nicht', 'Grüße aus Köln'],
  ])('%s', async (charset, name, subject, body) => {
    const parsed = await parseMail(mail(charset, { name, subject, body }));
    expect(parsed.subject).toBe(subject);
    expect(parsed.from?.value[0]).toMatchObject({ name, address: 'sender@example.test' });
    expect(parsed.text?.trim()).toBe(body);
  });

  it('takes a declared body charset as the hint for short header bytes', async () => {
    const raw = mail('gb2312', {
      name: '张伟',
      subject: '网络',
      body: '你好',
      contentType: 'text/plain; charset=GB2312',
    });
    const parsed = await parseMail(raw);
    expect([parsed.subject, parsed.from?.value[0]?.name, parsed.text?.trim()]).toEqual([
      '网络',
      '张伟',
      '你好',
    ]);
  });

  it('decodes an undeclared quoted-printable body', async () => {
    const body = 'お世話になっております。プリンターが接続できません。';
    const parsed = await parseMail(mail('shift_jis', { subject: '接続', body, cte: 'quoted-printable' }));
    expect(parsed.text?.trim()).toBe(body);
  });

  it('decodes an undeclared text part inside a multipart message', async () => {
    const body = '您好，我的打印机从昨天开始无法连接到网络。';
    const raw = Buffer.concat([
      Buffer.from(
        'From: a@example.test\r\nSubject: plain\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n',
      ),
      Buffer.from('--b1\r\nContent-Type: text/plain\r\n\r\n'),
      iconv.encode(body, 'gb2312'),
      Buffer.from(
        '\r\n--b1\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; filename=x.bin\r\n\r\n',
      ),
      Buffer.from([0xff, 0xfe, 0x00, 0x80]),
      Buffer.from('\r\n--b1--\r\n'),
    ]);
    const parsed = await parseMail(raw);
    expect(parsed.text?.trim()).toBe(body);
    expect(parsed.attachments[0]?.content).toEqual(Buffer.from([0xff, 0xfe, 0x00, 0x80]));
  });

  it('leaves ASCII, UTF-8 and declared mail as it is', () => {
    const ascii = Buffer.from('Subject: hi\r\n\r\nhello\r\n');
    expect(readable(ascii)).toBe(ascii);
    const utf8 = Buffer.from(
      'From: 张伟 <a@example.test>\r\nSubject: 打印机\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n你好\r\n',
    );
    expect(readable(utf8).equals(utf8)).toBe(true);
    const declared = mail('windows-1252', {
      subject: 'plain',
      body: 'Grüße',
      contentType: 'text/plain; charset=windows-1252',
    });
    expect(readable(declared).equals(declared)).toBe(true);
  });
});
