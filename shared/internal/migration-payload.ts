/**
 * The protobuf schema of the phone authenticator's export payload, read and written field by
 * field. Numbers stay as on the wire (enums as integers, counter as int64); turning them into
 * accounts, and refusing what cannot be represented, is the migration module's job.
 *
 *   message MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
 *                              int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5; }
 *   message OtpParameters { bytes secret = 1; string name = 2; string issuer = 3;
 *                           Algorithm algorithm = 4; DigitCount digits = 5; OtpType type = 6;
 *                           int64 counter = 7; }
 *   enum Algorithm { UNSPECIFIED = 0; SHA1 = 1; SHA256 = 2; SHA512 = 3; MD5 = 4; }
 *   enum DigitCount { UNSPECIFIED = 0; SIX = 1; EIGHT = 2; }
 *   enum OtpType { UNSPECIFIED = 0; HOTP = 1; TOTP = 2; }
 */
import {
  ProtobufError,
  ProtobufReader,
  ProtobufWriter,
  WIRE_LENGTH_DELIMITED,
  WIRE_VARINT,
} from './protobuf.ts';

/** How every export URI begins. */
export const MIGRATION_SCHEME = 'otpauth-migration://';

export interface OtpParametersMessage {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  counter: bigint;
}

export interface BatchFields {
  version: number;
  batchSize: number;
  batchIndex: number;
  batchId: number;
}

export interface MigrationPayloadMessage extends BatchFields {
  entries: OtpParametersMessage[];
}

const PARAMETER_FIELDS = ['secret', 'name', 'issuer', 'algorithm', 'digits', 'type', 'counter'] as const;

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const utf8Encoder = new TextEncoder();

function int32(value: bigint): number {
  return Number(BigInt.asIntN(32, value));
}

function text(bytes: Uint8Array, field: string): string {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    throw new ProtobufError(`the ${field} is not valid UTF-8`);
  }
}

function expectWire(actual: number, expected: number, field: string): void {
  if (actual !== expected) throw new ProtobufError(`the ${field} field has the wrong wire type ${actual}`);
}

function readOtpParameters(bytes: Uint8Array): OtpParametersMessage {
  const reader = new ProtobufReader(bytes);
  const message: OtpParametersMessage = {
    secret: new Uint8Array(0),
    name: '',
    issuer: '',
    algorithm: 0,
    digits: 0,
    type: 0,
    counter: 0n,
  };
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    const name = PARAMETER_FIELDS[field - 1];
    if (name === undefined) {
      reader.skip(wireType);
      continue;
    }
    expectWire(wireType, field <= 3 ? WIRE_LENGTH_DELIMITED : WIRE_VARINT, name);
    if (field === 1) message.secret = reader.lengthDelimited().slice();
    else if (field === 2) message.name = text(reader.lengthDelimited(), 'name');
    else if (field === 3) message.issuer = text(reader.lengthDelimited(), 'issuer');
    else if (field === 4) message.algorithm = int32(reader.varint());
    else if (field === 5) message.digits = int32(reader.varint());
    else if (field === 6) message.type = int32(reader.varint());
    else message.counter = BigInt.asIntN(64, reader.varint());
  }
  return message;
}

/** Reads a MigrationPayload; unknown fields are skipped. Throws ProtobufError when malformed. */
export function readMigrationPayload(bytes: Uint8Array): MigrationPayloadMessage {
  const reader = new ProtobufReader(bytes);
  const payload: MigrationPayloadMessage = {
    entries: [],
    version: 0,
    batchSize: 0,
    batchIndex: 0,
    batchId: 0,
  };
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    if (field === 1) {
      expectWire(wireType, WIRE_LENGTH_DELIMITED, 'account');
      payload.entries.push(readOtpParameters(reader.lengthDelimited()));
    } else if (field >= 2 && field <= 5) {
      expectWire(wireType, WIRE_VARINT, 'batch information');
      const value = int32(reader.varint());
      if (field === 2) payload.version = value;
      else if (field === 3) payload.batchSize = value;
      else if (field === 4) payload.batchIndex = value;
      else payload.batchId = value;
    } else {
      reader.skip(wireType);
    }
  }
  return payload;
}

/** Serialises one OtpParameters message (zero and empty fields omitted, as proto3 does). */
export function writeOtpParameters(message: OtpParametersMessage): Uint8Array {
  return new ProtobufWriter()
    .bytesField(1, message.secret)
    .bytesField(2, utf8Encoder.encode(message.name))
    .bytesField(3, utf8Encoder.encode(message.issuer))
    .varintField(4, message.algorithm)
    .varintField(5, message.digits)
    .varintField(6, message.type)
    .varintField(7, message.counter)
    .finish();
}

/** Serialises a MigrationPayload from already serialised OtpParameters messages. */
export function writeMigrationPayload(entries: readonly Uint8Array[], batch: BatchFields): Uint8Array {
  const writer = new ProtobufWriter();
  for (const entry of entries) writer.bytesField(1, entry);
  return writer
    .varintField(2, batch.version)
    .varintField(3, batch.batchSize)
    .varintField(4, batch.batchIndex)
    .varintField(5, batch.batchId)
    .finish();
}
