import { z } from 'zod';

// People to invite, from what an administrator pastes or uploads: one per line, as an address
// (`ana@example.com`), a mailbox (`Ana Lima <ana@example.com>`) or a CSV row with the address in
// any column and the name in the next (`ana@example.com,Ana Lima`, `Ana Lima;ana@example.com`).
// A first row without an address is a CSV header and is skipped.

export type Invitee = { email: string; name?: string };
export type ParsedInvitees = { invitees: Invitee[]; invalid: { line: number; text: string }[] };

const isEmail = (s: string) => z.email().safeParse(s).success;
const unquote = (s: string) =>
  s
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim();

function parseLine(line: string): Invitee | null {
  const mailbox = /^(.*)<([^<>\s]+)>\s*$/.exec(line);
  if (mailbox) {
    const email = (mailbox[2] ?? '').trim();
    const name = unquote(mailbox[1] ?? '');
    return isEmail(email) ? { email: email.toLowerCase(), ...(name && { name }) } : null;
  }
  const cells = line.split(/[,;\t]/).map(unquote);
  const at = cells.findIndex(isEmail);
  if (at < 0) return null;
  const name = cells.find((c, i) => i !== at && c !== '');
  return { email: (cells[at] as string).toLowerCase(), ...(name && { name }) };
}

export function parseInvitees(text: string): ParsedInvitees {
  const invitees: Invitee[] = [];
  const invalid: ParsedInvitees['invalid'] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const invitee = parseLine(line);
    if (!invitee) {
      if (!(i === 0 && !line.includes('@'))) invalid.push({ line: i + 1, text: line });
      return;
    }
    if (seen.has(invitee.email)) return;
    seen.add(invitee.email);
    invitees.push(invitee);
  });
  return { invitees, invalid };
}
