import { describe, expect, it } from 'vitest';
import { detectContentType, normaliseFilename, typeAllowed } from './detect.js';

describe('attachments: names and types', () => {
  it.each([
    ['payload.php\u200b', 'payload.php'],
    ['../../x', '_.._x'],
    ['..\\..\\windows\\system32', '_.._windows_system32'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['  .hidden  ', 'hidden'],
    ['Cafe\u0301.pdf', 'Café.pdf'],
    ['\u0000\u0007', 'file'],
  ])('%j → %j', (input, expected) => {
    expect(normaliseFilename(input)).toBe(expected);
  });

  it('detects by content, and treats markup as plain text', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001',
      'hex',
    );
    expect(await detectContentType(png)).toBe('image/png');
    expect(await detectContentType(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n'))).toBe('application/pdf');
    expect(
      await detectContentType(
        Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      ),
    ).toBe('text/plain');
    expect(await detectContentType(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBe(
      'text/plain',
    );
    expect(await detectContentType(Buffer.from([0x00, 0xff, 0x10, 0x00, 0x99]))).toBeNull();
  });

  it('matches configured patterns', () => {
    expect(typeAllowed('image/png', ['image/*'])).toBe(true);
    expect(typeAllowed('application/x-msdownload', ['image/*', 'application/pdf'])).toBe(false);
  });
});
