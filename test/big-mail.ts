import { randomBytes } from 'node:crypto';

/** A mail of about `mb` MiB: a short text and one base64 PDF-like attachment. */
export function bigMail(mb: number, messageId: string, from: string): Buffer {
  const pdf = Buffer.concat([
    Buffer.from('%PDF-1.7\n'),
    randomBytes(Math.floor((mb * 1024 * 1024 * 3) / 4) - 1024),
    Buffer.from('\n%%EOF\n'),
  ]);
  const data = pdf.toString('base64');
  return Buffer.from(
    [
      `From: ${from}`,
      'To: support@helpdesk.test',
      'Subject: Scanned contract',
      `Message-ID: <${messageId}>`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The signed contract is attached.',
      '--b1',
      'Content-Type: application/pdf; name="contract.pdf"',
      'Content-Transfer-Encoding: base64',
      'Content-Disposition: attachment; filename="contract.pdf"',
      '',
      data.replace(/.{76}/g, '$&\r\n'),
      '--b1--',
      '',
    ].join('\r\n'),
  );
}
