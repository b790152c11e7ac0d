/**
 * The small part of the protocol buffers wire format (protobuf.dev/programming-guides/encoding)
 * that the migration payload uses: varints and length-delimited fields. Readers throw
 * `ProtobufError`; the migration module turns it into a user-facing OtpError.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LENGTH_DELIMITED = 2;
export const WIRE_FIXED32 = 5;

export class ProtobufError extends Error {
  override readonly name = 'ProtobufError';
}

export interface FieldTag {
  field: number;
  wireType: number;
}

export class ProtobufReader {
  #position = 0;
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  get done(): boolean {
    return this.#position >= this.#bytes.length;
  }

  /** Unsigned 64-bit varint; at most 10 bytes. */
  varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      if (this.#position >= this.#bytes.length) throw new ProtobufError('the data ends inside a number');
      const byte = this.#bytes[this.#position++] as number;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
    }
    throw new ProtobufError('a number is longer than 10 bytes');
  }

  tag(): FieldTag {
    const key = this.varint();
    const field = Number(key >> 3n);
    if (field === 0 || key > 0xffff_ffffn) throw new ProtobufError(`an invalid field number ${key >> 3n}`);
    return { field, wireType: Number(key & 7n) };
  }

  lengthDelimited(): Uint8Array {
    const length = this.varint();
    const remaining = this.#bytes.length - this.#position;
    if (length > BigInt(remaining)) {
      throw new ProtobufError(`a field claims ${length} bytes but only ${remaining} remain`);
    }
    const start = this.#position;
    this.#position += Number(length);
    return this.#bytes.subarray(start, this.#position);
  }

  /** Skips a field this reader does not know, as protobuf requires for forward compatibility. */
  skip(wireType: number): void {
    switch (wireType) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.#advance(8);
        return;
      case WIRE_LENGTH_DELIMITED:
        this.lengthDelimited();
        return;
      case WIRE_FIXED32:
        this.#advance(4);
        return;
      default:
        throw new ProtobufError(`an unknown wire type ${wireType}`);
    }
  }

  #advance(count: number): void {
    if (this.#position + count > this.#bytes.length) throw new ProtobufError('the data ends inside a field');
    this.#position += count;
  }
}

export class ProtobufWriter {
  #chunks: number[] = [];

  /** Writes an unsigned varint; negative int32 values are sign-extended to 64 bits as protobuf does. */
  varint(value: number | bigint): this {
    let rest = BigInt.asUintN(64, BigInt(value));
    while (rest >= 0x80n) {
      this.#chunks.push(Number(rest & 0x7fn) | 0x80);
      rest >>= 7n;
    }
    this.#chunks.push(Number(rest));
    return this;
  }

  tag(field: number, wireType: number): this {
    return this.varint((field << 3) | wireType);
  }

  /** Varint field, omitted when zero like proto3 default values. */
  varintField(field: number, value: number | bigint): this {
    if (BigInt(value) === 0n) return this;
    return this.tag(field, WIRE_VARINT).varint(value);
  }

  /** Length-delimited field (bytes, string or nested message), omitted when empty. */
  bytesField(field: number, bytes: Uint8Array): this {
    if (bytes.length === 0) return this;
    this.tag(field, WIRE_LENGTH_DELIMITED).varint(bytes.length);
    for (const byte of bytes) this.#chunks.push(byte);
    return this;
  }

  /** Returns the bytes and clears the writer's own copy, which may hold a secret. */
  finish(): Uint8Array {
    const bytes = Uint8Array.from(this.#chunks);
    this.#chunks.fill(0);
    this.#chunks = [];
    return bytes;
  }
}
