import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserInLanguage } from '../../test-support/browser-language.ts';
import { classifyQrText } from './classify.ts';

// A scanned setup code that is malformed says why in the user's language, down to the shared
// core's own reason (the URI, then the base32 inside it); English stays word for word as it was.

const URI = 'otpauth://totp/Example:alice?secret=JBSWY3DPEHPK3PXP';
const CODES = [
  'otpauth://totp/Example:alice?secret=JBSW!Y3DP',
  `${URI}&algorithm=MD5`,
  `${URI}&digits=10`,
  'otpauth://yandex/Example:alice?secret=JBSWY3DPEHPK3PXP',
  'otpauth://totp/Example:alice',
  'otpauth://hotp/Example:alice?secret=JBSWY3DPEHPK3PXP',
  'otpauth://totp/Exa%ZZmple:alice?secret=JBSWY3DPEHPK3PXP',
  `${URI}&issuer=A:B`,
];
const messages = () =>
  CODES.map((code) => {
    const outcome = classifyQrText(code);
    return 'message' in outcome ? outcome.message : outcome.kind;
  });

afterEach(() => vi.unstubAllGlobals());

describe('a malformed setup code', () => {
  it('says why in English as before', () => {
    expect(messages()).toEqual([
      'This setup code is not valid: The "secret" parameter is not valid base32: Base32 text contains "!" at position 5; only letters A-Z, digits 2-7, spaces, hyphens and trailing "=" are allowed.',
      'This setup code uses settings this extension cannot use: The algorithm "MD5" is not supported; use SHA1, SHA256 or SHA512.',
      'This setup code is not valid: The "digits" parameter must be 6 to 8, not 10.',
      'This setup code uses settings this extension cannot use: The OTP type "yandex" is not supported; it must be "totp", "hotp" or "steam".',
      'This setup code is not valid: The URI has no "secret" parameter, so no codes can be made.',
      'This setup code is not valid: A hotp URI needs a "counter" parameter.',
      'This setup code is not valid: The label has a broken percent-encoding ("%" must be followed by two hex digits of UTF-8).',
      'This setup code is not valid: The URI describes an account that cannot be used: The issuer "A:B" must not contain a colon.',
    ]);
  });

  it('says why in German', () => {
    browserInLanguage('de');
    expect(messages()).toEqual([
      'Dieser Einrichtungscode ist ungültig: Der Parameter „secret“ ist kein gültiges Base32: Der Base32-Text enthält "!" an Position 5; erlaubt sind nur die Buchstaben A-Z, die Ziffern 2-7, Leerzeichen, Bindestriche und „=“ am Ende.',
      'Dieser Einrichtungscode nutzt Einstellungen, die diese Erweiterung nicht kann: Der Algorithmus „MD5“ wird nicht unterstützt; verwende SHA1, SHA256 oder SHA512.',
      'Dieser Einrichtungscode ist ungültig: Der Parameter „digits“ muss zwischen 6 und 8 liegen, nicht 10.',
      'Dieser Einrichtungscode nutzt Einstellungen, die diese Erweiterung nicht kann: Der OTP-Typ „yandex“ wird nicht unterstützt; er muss „totp“, „hotp“ oder „steam“ sein.',
      'Dieser Einrichtungscode ist ungültig: Die URI hat keinen Parameter „secret“, daher lassen sich keine Codes erzeugen.',
      'Dieser Einrichtungscode ist ungültig: Eine hotp-URI braucht einen Parameter „counter“.',
      'Dieser Einrichtungscode ist ungültig: Die Bezeichnung hat eine fehlerhafte Prozentkodierung (auf „%“ müssen zwei Hexadezimalziffern von UTF-8 folgen).',
      'Dieser Einrichtungscode ist ungültig: Die URI beschreibt ein Konto, das sich nicht nutzen lässt: Der Anbieter „A:B“ darf keinen Doppelpunkt enthalten.',
    ]);
  });

  it('says why in Spanish', () => {
    browserInLanguage('es');
    expect(messages()).toEqual([
      'Este código de configuración no es válido: El parámetro «secret» no es base32 válido: El texto base32 contiene "!" en la posición 5; solo se admiten letras A-Z, dígitos 2-7, espacios, guiones y «=» al final.',
      'Este código de configuración usa ajustes que esta extensión no admite: El algoritmo «MD5» no es compatible; usa SHA1, SHA256 o SHA512.',
      'Este código de configuración no es válido: El parámetro «digits» debe estar entre 6 y 8, no 10.',
      'Este código de configuración usa ajustes que esta extensión no admite: El tipo OTP «yandex» no es compatible; debe ser «totp», «hotp» o «steam».',
      'Este código de configuración no es válido: La URI no tiene parámetro «secret», así que no se pueden generar códigos.',
      'Este código de configuración no es válido: Una URI hotp necesita un parámetro «counter».',
      'Este código de configuración no es válido: La etiqueta tiene una codificación porcentual rota («%» debe ir seguido de dos dígitos hexadecimales de UTF-8).',
      'Este código de configuración no es válido: La URI describe una cuenta que no se puede usar: El emisor «A:B» no debe contener dos puntos.',
    ]);
  });
});
