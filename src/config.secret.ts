import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Words that make a secret guessable however often they are repeated: "changemechangeme…" is no secret. */
const WEAK_WORDS = [
  'changeme',
  'change-me',
  'change_me',
  'secret',
  'tessera',
  'password',
  'passw0rd',
  'development',
  'default',
  'example',
  'admin',
  'letmein',
  'qwerty',
  'test',
  '123456',
  'abcdef',
];

/** Short, of few different characters, or mostly common words (however repeated or numbered). */
export function isWeakSecret(secret: string): boolean {
  if (secret.length < 32 || new Set(secret).size < 8) return true;
  let rest = secret.toLowerCase();
  for (const word of WEAK_WORDS) rest = rest.split(word).join('');
  return rest.length < 16 || new Set(rest).size < 8;
}

/** A generated secret is kept in the data folder so sessions and signed links survive restarts. */
export function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return secret;
}
