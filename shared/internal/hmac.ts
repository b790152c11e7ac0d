import { _SHA1, sha1 } from '@noble/hashes/legacy.js';
import { _SHA256, _SHA512, sha256, sha512 } from '@noble/hashes/sha2.js';
import type { HashAlgorithm } from '../account.ts';

/**
 * HMAC (RFC 2104) specialised for OTP messages, built on @noble/hashes' compression functions.
 *
 * An OTP message is an 8-byte counter, so with the key pads precomputed (RFC 2104 §4 suggests
 * exactly this) every HMAC is two single-block compressions. noble's public `hmac` object
 * clones generic hash state and buffers for each message, which costs several times more
 * than the compressions themselves; driving the compression directly keeps verification of
 * a ±1 window at no more than 8 compressions. The subclasses below only reach the `protected`
 * state accessors noble provides for subclasses; the tests check the result against noble's
 * own `hmac` for every algorithm and key length, so a change in noble cannot go unnoticed.
 */
interface Compression {
  readonly blockLen: number;
  readonly outputLen: number;
  /** Chaining value as 32-bit words, in digest byte order (SHA-512: high word, low word, ...). */
  words(): number[];
  load(words: readonly number[]): void;
  compress(block: DataView): void;
  wipe(): void;
}

type Words5 = [number, number, number, number, number];
type Words8 = [number, number, number, number, number, number, number, number];
type Words16 = [...Words8, ...Words8];

class Sha1Compression extends _SHA1 implements Compression {
  words(): number[] {
    return this.get();
  }
  load(words: readonly number[]): void {
    this.set(...(words as Words5));
  }
  compress(block: DataView): void {
    this.process(block, 0);
  }
  wipe(): void {
    this.roundClean();
    this.load(new Array(this.outputLen / 4).fill(0));
  }
}

class Sha256Compression extends _SHA256 implements Compression {
  words(): number[] {
    return this.get();
  }
  load(words: readonly number[]): void {
    this.set(...(words as Words8));
  }
  compress(block: DataView): void {
    this.process(block, 0);
  }
  wipe(): void {
    this.roundClean();
    this.load(new Array(this.outputLen / 4).fill(0));
  }
}

class Sha512Compression extends _SHA512 implements Compression {
  words(): number[] {
    return this.get();
  }
  load(words: readonly number[]): void {
    this.set(...(words as Words16));
  }
  compress(block: DataView): void {
    this.process(block, 0);
  }
  wipe(): void {
    this.roundClean();
    this.load(new Array(this.outputLen / 4).fill(0));
  }
}

interface Workspace {
  readonly engine: Compression;
  readonly hash: (bytes: Uint8Array) => Uint8Array;
  readonly initialState: readonly number[];
  readonly pad: Uint8Array;
  readonly padView: DataView;
  /** Final block of the inner hash; its first 8 bytes take the counter. */
  readonly counterBlock: DataView;
  /** Final block of the outer hash; its first bytes take the inner digest. */
  readonly digestBlock: DataView;
}

/**
 * One padded block holding a message of `messageLength` bytes that follows one already
 * compressed block (the key pad): 0x80 after the message, total bit length at the end.
 */
function finalBlock(blockLen: number, messageLength: number): DataView {
  const view = new DataView(new ArrayBuffer(blockLen));
  view.setUint8(messageLength, 0x80);
  view.setUint32(blockLen - 4, (blockLen + messageLength) * 8);
  return view;
}

function workspace(engine: Compression, hash: (bytes: Uint8Array) => Uint8Array): Workspace {
  const pad = new Uint8Array(engine.blockLen);
  return {
    engine,
    hash,
    initialState: engine.words(),
    pad,
    padView: new DataView(pad.buffer),
    counterBlock: finalBlock(engine.blockLen, 8),
    digestBlock: finalBlock(engine.blockLen, engine.outputLen),
  };
}

/**
 * Engines and blocks are shared per algorithm rather than allocated per call: hashing here
 * is synchronous and every computation loads its own state before compressing, so nothing
 * leaks between callers, and secret-derived bytes are wiped by `destroy()`.
 */
const WORKSPACES: Record<HashAlgorithm, Workspace> = {
  SHA1: workspace(new Sha1Compression(), sha1),
  SHA256: workspace(new Sha256Compression(), sha256),
  SHA512: workspace(new Sha512Compression(), sha512),
};

function wordsToBytes(words: readonly number[], out: DataView): void {
  for (let i = 0; i < words.length; i++) out.setUint32(i * 4, words[i] as number);
}

/**
 * An HMAC keyed once with an OTP secret, answering RFC 4226 §5.3 truncated values for any
 * counter. Call `destroy()` when done: it zeroes every key-derived value it holds.
 */
export class CounterHmac {
  readonly #workspace: Workspace;
  readonly #innerState: number[];
  readonly #outerState: number[];

  constructor(algorithm: HashAlgorithm, secret: Uint8Array) {
    const space = WORKSPACES[algorithm];
    const { engine, pad, padView } = space;
    const blockLen = pad.length;
    // RFC 2104 §2: keys longer than a block are hashed first.
    const key = secret.length > blockLen ? space.hash(secret) : secret;
    pad.fill(0);
    pad.set(key);
    if (key !== secret) key.fill(0);
    for (let i = 0; i < blockLen; i++) pad[i] = (pad[i] as number) ^ 0x36;
    engine.load(space.initialState);
    engine.compress(padView);
    this.#innerState = engine.words();
    for (let i = 0; i < blockLen; i++) pad[i] = (pad[i] as number) ^ 0x36 ^ 0x5c;
    engine.load(space.initialState);
    engine.compress(padView);
    this.#outerState = engine.words();
    pad.fill(0);
    this.#workspace = space;
  }

  /**
   * RFC 4226 §5.3: HMAC over the big-endian 8-byte counter, then dynamic truncation to a
   * 31-bit integer. The caller reduces it modulo 10^digits.
   */
  truncated(counter: number): number {
    const { engine, counterBlock, digestBlock } = this.#workspace;
    counterBlock.setUint32(0, Math.floor(counter / 0x1_0000_0000));
    counterBlock.setUint32(4, counter >>> 0);
    engine.load(this.#innerState);
    engine.compress(counterBlock);
    wordsToBytes(engine.words(), digestBlock);
    engine.load(this.#outerState);
    engine.compress(digestBlock);
    const digest = engine.words();
    // The low four bits of the digest's last byte choose where the 31 bits are read.
    const offset = ((digest[digest.length - 1] as number) & 0x0f) * 8;
    const word = offset >>> 5;
    const shift = offset & 31;
    const high = digest[word] as number;
    const value = shift === 0 ? high : (high << shift) | ((digest[word + 1] as number) >>> (32 - shift));
    return value & 0x7fffffff;
  }

  destroy(): void {
    const { engine, digestBlock } = this.#workspace;
    this.#innerState.fill(0);
    this.#outerState.fill(0);
    const words = engine.outputLen / 4;
    for (let i = 0; i < words; i++) digestBlock.setUint32(i * 4, 0);
    engine.wipe();
  }
}
