import type { ImportFormat } from '../src/transfer/index.ts';
import { aegisContent, aegisEntry, aegisPlainVault, encryptedVault } from './aegis-vault.ts';
import { bitwardenCsv, bitwardenJson } from './bitwarden-files.ts';
import { enteEncrypted, entePlainText, enteUri } from './ente-encrypted-file.ts';
import {
  andOtpEncrypted,
  andOtpEntry,
  browserAuthenticatorEncrypted,
  browserAuthenticatorEntry,
  browserAuthenticatorV3,
  freeOtpToken,
  otpauthUri,
  protonEntry,
  stratumAuthenticator,
  stratumBackup,
  twoFasBackup,
  twoFasEncrypted,
  twoFasService,
} from './foreign-files.ts';
import { type AppAccount, asAccount, SAMPLE_ACCOUNTS } from './independent-codes.ts';
import { migrationEntry, migrationUri } from './migration-export.ts';
import { BACKUP_PASSWORD, backupOf } from './transfer-fixtures.ts';

/**
 * One file of every format the import screen reads, written the way the other app writes it:
 * SAMPLE_ACCOUNTS as far as the format can hold them, then, where it can hold them, an entry the
 * product must skip and an exact repeat of the first account.
 */
export interface FormatSample {
  /** As the per-format summary names it. */
  name: string;
  format: ImportFormat;
  /** The accounts in the file that are imported, as the other app shows their codes. */
  imported: readonly AppAccount[];
  /** Entries the product must skip (each with its reason), and exact repeats, besides `imported`. */
  skipped: number;
  repeats: number;
  password?: string;
  /** What the import screen reads: a chosen file's bytes, or text pasted without any. */
  source(): Promise<{ text: string; bytes?: Uint8Array }>;
}

const PASSWORD = 'pässwörd 1234';
const [FIRST] = SAMPLE_ACCOUNTS as [AppAccount];
const withoutType = (type: AppAccount['type']) => SAMPLE_ACCOUNTS.filter((app) => app.type !== type);
/** The accounts, then the first once more: the exact repeat each file holds. */
const plusRepeat = (apps: readonly AppAccount[]) => [...apps, FIRST];

const encoder = new TextEncoder();
const file = async (text: string) => ({ text, bytes: encoder.encode(text) });
const json = (document: unknown) => file(JSON.stringify(document, null, 2));

/** An account on MD5, which several apps hold and no code here computes. */
const MD5_URI = 'otpauth://totp/Legacy:old?secret=JBSWY3DPEHPK3PXP&issuer=Legacy&algorithm=MD5';
const URI_LINES = [...SAMPLE_ACCOUNTS.map(otpauthUri), MD5_URI, otpauthUri(FIRST)];

/** Google Authenticator holds neither Steam nor a period other than 30 s. */
const GOOGLE_APPS = SAMPLE_ACCOUNTS.filter((app) => app.type !== 'steam' && (app.period ?? 30) === 30);
const LEGACY: AppAccount = { ...FIRST, issuer: 'Legacy', account: 'old' };

const aegisEntries = () => [
  ...plusRepeat(SAMPLE_ACCOUNTS).map(aegisEntry),
  { ...aegisEntry(FIRST, 90), type: 'yandex', issuer: 'Yandex', name: 'y' },
];
const twoFasServices = () => [
  ...plusRepeat(SAMPLE_ACCOUNTS).map(twoFasService),
  { ...twoFasService(LEGACY), otp: { ...(twoFasService(LEGACY).otp as object), algorithm: 'MD5' } },
];
const andOtpEntries = () => [
  ...plusRepeat(SAMPLE_ACCOUNTS).map(andOtpEntry),
  { ...andOtpEntry({ ...FIRST, issuer: 'Mobile' }), type: 'MOTP' },
];
/** Bitwarden's key is free text: a key typed with a mistake is kept there, and skipped here. */
const MISTYPED: AppAccount = { type: 'totp', secret: 'not base32 !', issuer: 'Mistyped', account: 'x' };
const BITWARDEN_FILE = [...plusRepeat(SAMPLE_ACCOUNTS), MISTYPED];
/** FreeOTP+ holds TOTP and HOTP tokens. */
const FREEOTP_APPS = withoutType('steam');
/** Proton Authenticator holds TOTP and Steam; a steam:// URI carries no issuer. */
const PROTON_APPS = withoutType('hotp').map((app) => (app.type === 'steam' ? { ...app, issuer: '' } : app));
const ENTE_TEXT = entePlainText(plusRepeat(SAMPLE_ACCOUNTS).map(enteUri));
const GOST = { ...browserAuthenticatorEntry(LEGACY, 0), issuer: 'Gost', algorithm: 'GOST3411_2012_256' };

const all = { imported: SAMPLE_ACCOUNTS, skipped: 1, repeats: 1 };

export const FORMAT_SAMPLES: FormatSample[] = [
  {
    name: 'This extension’s encrypted backup',
    format: 'backup',
    ...all,
    skipped: 0,
    repeats: 0,
    password: BACKUP_PASSWORD,
    source: async () => file(await backupOf(SAMPLE_ACCOUNTS.map(asAccount))),
  },
  { name: 'otpauth:// lines', format: 'otpauth', ...all, source: () => file(URI_LINES.join('\n')) },
  {
    name: 'QR tool text (QR-Code: prefix)',
    format: 'otpauth',
    ...all,
    source: async () => ({ text: URI_LINES.map((line) => `QR-Code:${line}`).join('\n') }),
  },
  {
    // Two export QR codes, the first scanned twice: its two entries are the repeats.
    name: 'Google Authenticator export',
    format: 'migration',
    imported: GOOGLE_APPS,
    skipped: 1,
    repeats: 2,
    source: async () => {
      const [alice, bob, dave] = GOOGLE_APPS.map((app) => migrationEntry(app)) as [
        number[],
        number[],
        number[],
      ];
      const first = migrationUri([alice, bob], 0, 2);
      const second = migrationUri([dave, migrationEntry(LEGACY, 'MD5')], 1, 2);
      return { text: [first, second, first].join('\n') };
    },
  },
  { name: 'Aegis plain', format: 'aegis', ...all, source: () => json(aegisPlainVault(aegisEntries())) },
  {
    name: 'Aegis encrypted',
    format: 'aegis-encrypted',
    ...all,
    password: PASSWORD,
    source: async () => json(await encryptedVault(aegisContent(aegisEntries()), [PASSWORD])),
  },
  { name: '2FAS plain', format: '2fas', ...all, source: () => json(twoFasBackup(twoFasServices())) },
  {
    name: '2FAS encrypted',
    format: '2fas-encrypted',
    ...all,
    password: PASSWORD,
    source: () => json(twoFasEncrypted(PASSWORD, twoFasServices())),
  },
  { name: 'andOTP plain', format: 'andotp', ...all, source: () => json(andOtpEntries()) },
  {
    name: 'andOTP encrypted (.json.aes)',
    format: 'andotp-encrypted',
    ...all,
    password: PASSWORD,
    source: async () => {
      const bytes = andOtpEncrypted(PASSWORD, andOtpEntries());
      return { text: new TextDecoder().decode(bytes), bytes };
    },
  },
  {
    name: 'Bitwarden JSON',
    format: 'bitwarden',
    ...all,
    source: () => json(bitwardenJson(BITWARDEN_FILE)),
  },
  {
    name: 'Bitwarden CSV',
    format: 'bitwarden-csv',
    ...all,
    source: () => file(bitwardenCsv(BITWARDEN_FILE)),
  },
  {
    name: 'FreeOTP+ JSON',
    format: 'freeotp-plus',
    ...all,
    imported: FREEOTP_APPS,
    source: () => {
      const tokens = [
        ...plusRepeat(FREEOTP_APPS).map(freeOtpToken),
        { ...freeOtpToken(LEGACY), type: 'MOTP' },
      ];
      return json({ tokenOrder: tokens.map((_, i) => `token-${i}`), tokens });
    },
  },
  {
    name: 'Proton Authenticator JSON',
    format: 'proton-authenticator',
    ...all,
    imported: PROTON_APPS,
    skipped: 0,
    source: () => json({ version: 1, entries: plusRepeat(PROTON_APPS).map(protonEntry) }),
  },
  { name: 'Ente Auth plain text', format: 'otpauth', ...all, skipped: 0, source: () => file(ENTE_TEXT) },
  {
    name: 'Ente Auth encrypted',
    format: 'ente-auth-encrypted',
    ...all,
    skipped: 0,
    password: PASSWORD,
    source: async () => json(await enteEncrypted(PASSWORD, ENTE_TEXT)),
  },
  {
    name: 'Stratum plain',
    format: 'stratum',
    ...all,
    source: () => {
      const yandex = { ...stratumAuthenticator(LEGACY), Type: 5, Issuer: 'Yandex' };
      return json(stratumBackup([...plusRepeat(SAMPLE_ACCOUNTS).map(stratumAuthenticator), yandex]));
    },
  },
  {
    name: 'Authenticator extension plain',
    format: 'browser-authenticator',
    ...all,
    source: () => {
      const entries = [...plusRepeat(SAMPLE_ACCOUNTS).map(browserAuthenticatorEntry), GOST];
      return json(
        Object.fromEntries(
          entries.map((entry, index) => [`entry-${index}`, { ...entry, index, hash: `entry-${index}` }]),
        ),
      );
    },
  },
  ...([1, 2] as const).map(
    (version): FormatSample => ({
      name: `Authenticator extension encrypted (key v${version})`,
      format: 'browser-authenticator-encrypted',
      ...all,
      password: PASSWORD,
      source: () =>
        json(browserAuthenticatorEncrypted(plusRepeat(SAMPLE_ACCOUNTS), PASSWORD, version, [GOST])),
    }),
  ),
  {
    name: 'Authenticator extension encrypted (key v3)',
    format: 'browser-authenticator-encrypted',
    ...all,
    password: PASSWORD,
    source: async () => json(await browserAuthenticatorV3(plusRepeat(SAMPLE_ACCOUNTS), PASSWORD, [GOST])),
  },
];
