import { describe, expect, it } from 'vitest';
import { contentOf, parseCommand } from './message.js';

describe('parseCommand', () => {
  it.each([
    ['new: My account is not loading', { kind: 'new', text: 'My account is not loading' }],
    ['NEW:no space', { kind: 'new', text: 'no space' }],
    ['900: I have shared the file', { kind: 'ticket', number: 900, text: 'I have shared the file' }],
    ['#1042:\nline two', { kind: 'ticket', number: 1042, text: 'line two' }],
    ['10:30 works for me', { kind: 'plain', text: '10:30 works for me' }],
    ['  just words ', { kind: 'plain', text: 'just words' }],
    ['renew: is not new:', { kind: 'plain', text: 'renew: is not new:' }],
  ])('%j', (text, command) => expect(parseCommand(text)).toEqual(command));
});

describe('contentOf', () => {
  const base = { id: 'wamid.1', from: '447700900001' };
  it('reads a voice note as a voice note, with no text', () => {
    expect(contentOf({ ...base, type: 'audio', audio: { id: 'm1', voice: true } })).toEqual({
      text: '',
      media: { kind: 'voice', id: 'm1', filename: undefined },
    });
  });
  it('takes a document’s caption and file name', () => {
    expect(
      contentOf({ ...base, type: 'document', document: { id: 'm2', caption: '12: log', filename: 'a.log' } }),
    ).toEqual({ text: '12: log', media: { kind: 'document', id: 'm2', filename: 'a.log' } });
  });
  it('ignores reactions, and leaves a location without content', () => {
    expect(contentOf({ ...base, type: 'reaction' })).toBeNull();
    expect(contentOf({ ...base, type: 'location' })).toEqual({ text: '', media: null });
  });
});
