import { describe, expect, it } from 'vitest';
import { htmlToText, newReplyText } from './body.js';

describe('newReplyText strips quoted history and signatures', () => {
  it.each([
    [
      'Gmail',
      'Thanks, that fixed it!\n\nOn Mon, 23 Nov 2026 at 10:00, Acme Support <support@helpdesk.test> wrote:\n> Did that help?\n> Sam',
    ],
    [
      'Outlook',
      'Thanks, that fixed it!\r\n\r\n________________________________\r\nFrom: Acme Support <support@helpdesk.test>\r\nSent: Monday, November 23, 2026 10:00\r\nTo: Jane\r\nSubject: RE: [#12] Bot\r\n\r\nDid that help?',
    ],
    [
      'Outlook (classic)',
      'Thanks, that fixed it!\n\n-----Original Message-----\nFrom: Acme Support\nSent: Monday\n\nDid that help?',
    ],
    [
      'Apple Mail',
      'Thanks, that fixed it!\n\n> On 23 Nov 2026, at 10:00, Acme Support <support@helpdesk.test> wrote:\n> \n> Did that help?',
    ],
    ['Thunderbird', 'Thanks, that fixed it!\n\nOn 23/11/2026 10:00, Acme Support wrote:\n> Did that help?'],
    ['plain >', 'Thanks, that fixed it!\n\n> Did that help?\n> Sam'],
    ['signature', 'Thanks, that fixed it!\n\n-- \nJane Doe\nHead of Trading, Halden Capital'],
  ])('%s', (_name, text) => {
    expect(newReplyText(text)).toBe('Thanks, that fixed it!');
  });

  it.each([
    [
      'Outlook *From:*/*Sent:* block',
      'Thanks, that fixed it!\n\n ------------------------------\n\n*From:* Acme Support\n*Sent:* 2026-11-23\n*To:* jane@example.com\n*Subject:* Did that help?\n\nDid that help?\n\nSam',
    ],
    [
      'German',
      'Thanks, that fixed it!\n\nAcme Support <support@helpdesk.test> schrieb am Mo., 23. Nov.\n2026 um 10:00 Uhr:\n\n> Hat das geholfen?',
    ],
    [
      'German (Am … schrieb)',
      'Thanks, that fixed it!\n\nAm 23.11.2026 10:00 schrieb Acme Support <support@helpdesk.test>:\nHat das geholfen?',
    ],
    [
      'Russian',
      'Thanks, that fixed it!\n\nпонедельник, 23 ноября 2026 г. пользователь Acme Support написал:\n\n> Это помогло?',
    ],
    [
      'French',
      'Thanks, that fixed it!\nLe 23 nov. 2026 10:00, "Acme Support"\n<support@helpdesk.test>\na écrit :\n\n> Ça a aidé ?',
    ],
    [
      'Spanish',
      'Thanks, that fixed it!\n\nEl lunes, 23 de noviembre de 2026, Acme Support escribió:\n\n> ¿Eso ayudó?\n> Sam',
    ],
    [
      'Italian',
      'Thanks, that fixed it!\n\nIl 23 novembre 2026 alle 10.00 Acme Support <support@helpdesk.test> ha scritto:\nHa aiutato?',
    ],
    [
      'Spanish Outlook',
      'Thanks, that fixed it!\n\n-----Mensaje original-----\nDe: Acme Support\nEnviado: lunes\n\n¿Eso ayudó?',
    ],
    [
      'mobile signature',
      'Thanks, that fixed it!\n\nSent from my iPhone\n\nOn 23 Nov 2026, at 10:00, Acme Support wrote:\n\nDid that help?',
    ],
  ])('%s', (_name, text) => {
    expect(newReplyText(text)).toBe('Thanks, that fixed it!');
  });

  it('keeps answers written between quoted lines', () => {
    const text =
      'See below.\n\nOn 23 Nov 2026, at 10:00, Acme Support wrote:\n> Which browser?\n\nFirefox 140.\n\n> Which version of the app?\n\n3.2.1';
    expect(newReplyText(text)).toBe(
      'See below.\n\n> Which browser?\n\nFirefox 140.\n\n> Which version of the app?\n\n3.2.1',
    );
  });

  it('keeps the answer below the quote of a bottom-posted reply', () => {
    expect(
      newReplyText('On 23 Nov 2026, at 10:00, Acme Support wrote:\n> Did that help?\n\nYes, it did.'),
    ).toBe('Yes, it did.');
  });

  it('keeps a "Sent from" line that the sender writes on after', () => {
    const text = 'The parcel was returned.\nSent by courier on Monday.\nIt never arrived.';
    expect(newReplyText(text)).toBe(text);
  });
});

describe('newReplyText keeps forwarded mail', () => {
  const forwarded =
    '---------- Forwarded message ---------\nFrom: Shop <orders@shop.example>\nDate: Mon, 23 Nov 2026 at 10:00\nSubject: Your order\nTo: <jane@example.com>\n\nYour order 4711 could not be delivered.\nRegards, the shop';

  it('a forward with a note keeps the note and the whole forwarded message', () => {
    expect(newReplyText(`Can you look into this?\n\n${forwarded}`)).toBe(
      `Can you look into this?\n\n${forwarded}`,
    );
  });

  it('a bare forward keeps the forwarded text without its header block', () => {
    expect(newReplyText(forwarded)).toBe('Your order 4711 could not be delivered.\nRegards, the shop');
  });

  it('an Apple Mail forward keeps the forwarded (quoted) text', () => {
    const text =
      'FYI\n\n> Begin forwarded message:\n>\n> From: Shop <orders@shop.example>\n> Subject: Your order\n>\n> Your order 4711 could not be delivered.';
    expect(newReplyText(text)).toBe(text);
  });

  it('a German forward marker counts too', () => {
    const text =
      'Bitte prüfen.\n\n-------- Weitergeleitete Nachricht --------\nVon: Shop\nDatum: 23.11.2026\n\nLieferung fehlgeschlagen.';
    expect(newReplyText(text)).toBe(text);
  });

  it('keeps the whole text when nothing is new', () => {
    expect(newReplyText('> only a quote')).toBe('> only a quote');
  });
});

describe('htmlToText', () => {
  it('drops scripts and tags, keeps line structure and text', () => {
    const text = htmlToText(
      '<div>Hello&nbsp;there</div><script>alert(1)</script><p>Line <b>two</b> &amp; more</p><img src=x onerror=alert(1)>',
    );
    expect(text).toBe('Hello there\nLine two & more');
  });
});
