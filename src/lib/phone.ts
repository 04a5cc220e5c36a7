/**
 * A phone number in E.164 (`+` and 8 to 15 digits), or null. Profiles hold numbers as people type
 * them ("+44 20 7946 0000", "0044 (20) 7946-0000"); WhatsApp sends bare international digits
 * ("442079460000"). A number without `+` or `00` is taken as international, as WhatsApp's are:
 * national numbers ("020 7946 0000") cannot be matched without knowing the country, so they are not.
 */
export function toE164(input: string | null | undefined): string | null {
  if (!input) return null;
  const compact = input.replace(/[\s().\-\u00a0]/g, '');
  const digits = compact.startsWith('+')
    ? compact.slice(1)
    : compact.startsWith('00')
      ? compact.slice(2)
      : compact.startsWith('0')
        ? null
        : compact;
  if (!digits || !/^[1-9]\d{7,14}$/.test(digits)) return null;
  return `+${digits}`;
}

/** WhatsApp's form of a number: the E.164 digits without `+`. */
export const toWaId = (e164: string) => e164.replace(/^\+/, '');
