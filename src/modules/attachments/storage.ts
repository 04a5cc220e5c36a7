import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Where attachment bytes live. Local disk today; an S3-compatible store can implement the same. */
export type BlobStore = {
  put(key: string, data: Buffer): Promise<void>;
  get(key: string): Promise<Buffer>;
  delete(key: string): Promise<void>;
};

/** Files under `<data dir>/attachments/ab/cd/<key>`; keys are random, never derived from names. */
export function diskStore(root: string): BlobStore {
  const file = (key: string) => {
    if (!/^[a-zA-Z0-9_-]{16,}$/.test(key)) throw new Error('bad storage key');
    return path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  };
  return {
    async put(key, data) {
      const target = file(key);
      await mkdir(path.dirname(target), { recursive: true });
      // Write then rename would need a temp name; 'wx' refuses to overwrite, keys are unique anyway.
      await writeFile(target, data, { flag: 'wx' });
    },
    get: (key) => readFile(file(key)),
    async delete(key) {
      await rm(file(key), { force: true });
    },
  };
}
