import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import readline from 'node:readline';
import mongoose from 'mongoose';
import type { IndexEntry } from './manifest.ts';

type Db = mongoose.mongo.Db;
type Document = mongoose.mongo.Document;
const { EJSON } = mongoose.mongo.BSON;

/** Read documents exactly as stored: Int32 stays Int32, a double stays a double, binary
 * stays binary (the driver would otherwise turn them all into plain JS values). */
const RAW = {
  promoteValues: false,
  promoteLongs: false,
  promoteBuffers: false,
  bsonRegExp: true,
} as const;

export function toLine(doc: Document): string {
  return EJSON.stringify(doc, { relaxed: false });
}

export function fromLine(line: string): Document {
  return EJSON.parse(line, { relaxed: false }) as Document;
}

export async function collectionNames(db: Db): Promise<string[]> {
  const list = await db.listCollections({}, { nameOnly: true }).toArray();
  return list
    .map((c) => c.name)
    .filter((name) => !name.startsWith('system.'))
    .sort();
}

export interface CollectionDigest {
  count: number;
  /** Order-independent fingerprint of the content (sum of the documents' hashes), so two
   * reads compare equal whatever order the engine returns the documents in. */
  fingerprint: string;
}

export interface DumpResult extends CollectionDigest {
  bytes: number;
  sha256: string;
}

const MOD = 1n << 128n;

class Fingerprint {
  private sum = 0n;
  count = 0;
  add(line: string): void {
    this.sum =
      (this.sum + BigInt(`0x${createHash('sha256').update(line).digest('hex').slice(0, 32)}`)) %
      MOD;
    this.count += 1;
  }
  digest(): string {
    return `${this.count}:${this.sum.toString(16)}`;
  }
}

/** Reads a collection and fingerprints it; with `file`, also writes it as NDJSON. Every
 * string found under an object-key-like field is handed to `onKey` (see objects.ts). */
export async function readCollection(
  db: Db,
  name: string,
  file?: string,
  onKey?: (key: string) => void,
): Promise<DumpResult> {
  const fingerprint = new Fingerprint();
  const fileHash = createHash('sha256');
  let bytes = 0;
  const cursor = db.collection(name).find({}, { ...RAW, batchSize: 1000 });
  async function* lines(): AsyncGenerator<string> {
    for await (const doc of cursor) {
      const line = toLine(doc);
      fingerprint.add(line);
      if (onKey) collectKeys(doc, onKey);
      const text = `${line}\n`;
      fileHash.update(text);
      bytes += Buffer.byteLength(text);
      yield text;
    }
  }
  if (file) {
    await pipeline(lines(), createWriteStream(file));
  } else {
    for await (const text of lines()) void text;
  }
  return {
    count: fingerprint.count,
    fingerprint: fingerprint.digest(),
    bytes,
    sha256: fileHash.digest('hex'),
  };
}

/** Index definitions to rebuild on restore (the _id index comes with every collection). */
export async function indexesOf(db: Db, name: string): Promise<IndexEntry[]> {
  const indexes = await db.collection(name).listIndexes().toArray();
  return indexes
    .filter((index) => index.name !== '_id_')
    .map((index) => ({
      name: String(index.name),
      key: index.key as Record<string, number>,
      ...(index.unique ? { unique: true } : {}),
    }));
}

/** Strings held in a field named `key` or `...Key` that look like object paths
 * (`letters/2026/...`). Candidates only: objects.ts keeps those under a known prefix. */
function collectKeys(value: unknown, onKey: (key: string) => void, field = ''): void {
  if (typeof value === 'string') {
    if ((field === 'key' || field.endsWith('Key')) && /^[a-z][a-z0-9-]*\/\S+$/.test(value))
      onKey(value);
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) collectKeys(item, onKey, field);
    return;
  }
  if (
    value &&
    typeof value === 'object' &&
    (value as { _bsontype?: string })._bsontype === undefined
  ) {
    for (const [name, inner] of Object.entries(value)) collectKeys(inner, onKey, name);
  }
}

/** Streams a collection file back, verifying its hash before anything reads it as data. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function* readLines(file: string): AsyncGenerator<string> {
  const reader = readline.createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of reader) if (line.length > 0) yield line;
}
