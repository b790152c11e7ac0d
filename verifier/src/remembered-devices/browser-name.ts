/*
 * The browser and system a User-Agent names, in plain words ("Firefox on Linux"), for the security
 * page and the lists of remembered devices. Only a handful of well-known names are ever returned, so
 * a crafted header cannot put its own text on those pages.
 */

const BROWSERS: readonly [RegExp, string][] = [
  // Order matters: Edge and Opera also say Chrome, Chrome also says Safari.
  [/\bEdg(?:e|A|iOS)?\//, 'Edge'],
  [/\b(?:OPR|Opera)\//, 'Opera'],
  [/\b(?:Firefox|FxiOS)\//, 'Firefox'],
  [/\b(?:HeadlessChrome|Chrome|Chromium|CriOS)\//, 'Chrome'],
  [/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
  [/\bcurl\//, 'curl'],
];

const SYSTEMS: readonly [RegExp, string][] = [
  [/\b(?:iPhone|iPad|iPod)\b/, 'iOS'],
  [/\bAndroid\b/, 'Android'],
  [/\bCrOS\b/, 'ChromeOS'],
  [/\bWindows\b/, 'Windows'],
  [/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
  [/\bLinux\b/, 'Linux'],
];

/** At most this much of the header is read: the names are near its start. */
const READ_LIMIT = 512;

/** "Chrome on Windows", "Firefox", "Unknown browser". */
export function browserName(userAgent: string | undefined): string {
  const text = (userAgent ?? '').slice(0, READ_LIMIT);
  const browser = BROWSERS.find(([pattern]) => pattern.test(text))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(text))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  if (system) return `A browser on ${system}`;
  return 'Unknown browser';
}

/** Every text browserName can return (its property test checks against this). */
export function browserNames(): string[] {
  const browsers = BROWSERS.map(([, name]) => name);
  const systems = SYSTEMS.map(([, name]) => name);
  return [
    ...browsers.flatMap((b) => systems.map((s) => `${b} on ${s}`)),
    ...browsers,
    ...systems.map((s) => `A browser on ${s}`),
    'Unknown browser',
  ];
}
