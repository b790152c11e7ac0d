import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ProtobufError,
  ProtobufReader,
  ProtobufWriter,
  WIRE_LENGTH_DELIMITED,
  WIRE_VARINT,
} from './protobuf.ts';

describe('protobuf varints', () => {
  it.each([
    [0, [0x00]],
    [1, [0x01]],
    [127, [0x7f]],
    [150, [0x96, 0x01]], // the example of the protobuf encoding guide
    [300, [0xac, 0x02]],
    [2 ** 53 - 1, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f]],
    [-1, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
  ])('writes %d as %j and reads it back', (value, bytes) => {
    expect([...new ProtobufWriter().varint(value).finish()]).toEqual(bytes);
    expect(new ProtobufReader(Uint8Array.from(bytes)).varint()).toBe(BigInt.asUintN(64, BigInt(value)));
  });

  it('round-trips any unsigned 64-bit value (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (value) => {
        expect(new ProtobufReader(new ProtobufWriter().varint(value).finish()).varint()).toBe(value);
      }),
    );
  });

  it('refuses a varint longer than ten bytes or cut short', () => {
    expect(() => new ProtobufReader(new Uint8Array(11).fill(0x80)).varint()).toThrow(/longer than 10 bytes/);
    expect(() => new ProtobufReader(Uint8Array.from([0x80, 0x80])).varint()).toThrow(ProtobufError);
  });
});

describe('protobuf fields', () => {
  it('omits zero and empty fields, as proto3 writers do', () => {
    expect(new ProtobufWriter().varintField(1, 0).bytesField(2, new Uint8Array(0)).finish()).toHaveLength(0);
  });

  it('reads back the fields it writes, in order', () => {
    const bytes = new ProtobufWriter()
      .bytesField(1, Uint8Array.from([7, 8]))
      .varintField(2, 300)
      .finish();
    expect([...bytes]).toEqual([0x0a, 2, 7, 8, 0x10, 0xac, 0x02]);
    const reader = new ProtobufReader(bytes);
    expect(reader.tag()).toEqual({ field: 1, wireType: WIRE_LENGTH_DELIMITED });
    expect([...reader.lengthDelimited()]).toEqual([7, 8]);
    expect(reader.tag()).toEqual({ field: 2, wireType: WIRE_VARINT });
    expect(reader.varint()).toBe(300n);
    expect(reader.done).toBe(true);
  });

  it('refuses a length that runs past the end of the data', () => {
    expect(() => new ProtobufReader(Uint8Array.from([0x0a, 5, 1])).skip(2)).toThrow(ProtobufError);
    const reader = new ProtobufReader(Uint8Array.from([5, 1]));
    expect(() => reader.lengthDelimited()).toThrow(/claims 5 bytes but only 1 remain/);
  });

  it('skips fixed-width fields and refuses to skip past the end', () => {
    const reader = new ProtobufReader(Uint8Array.from([1, 2, 3, 4, 1, 2, 3, 4, 5, 6, 7, 8]));
    reader.skip(5);
    reader.skip(1);
    expect(reader.done).toBe(true);
    expect(() => new ProtobufReader(Uint8Array.from([1, 2, 3])).skip(5)).toThrow(/ends inside a field/);
    expect(() => new ProtobufReader(Uint8Array.from([1])).skip(4)).toThrow(/unknown wire type 4/);
  });
});
