/**
 * The names a party document prints for the organisations of a dossier, derived from their recorded names.
 * A committee is recorded by the name of its body ("Thành ủy Bắc Kạn"), a grassroots organisation by the name of the
 * organisation ("Đảng bộ Sở Giáo dục"); documents need the other of the two as well.
 */

const COMMITTEE_TITLES: [RegExp, string][] = [
  [/^Tỉnh (?:ủy|uỷ)\s+/iu, 'Đảng bộ tỉnh '],
  [/^Thành (?:ủy|uỷ)\s+/iu, 'Đảng bộ thành phố '],
  [/^Huyện (?:ủy|uỷ)\s+/iu, 'Đảng bộ huyện '],
  [/^Quận (?:ủy|uỷ)\s+/iu, 'Đảng bộ quận '],
  [/^Thị (?:ủy|uỷ)\s+/iu, 'Đảng bộ thị xã '],
  [/^Đảng (?:ủy|uỷ)\s+/iu, 'Đảng bộ '],
];

const nfc = (name: string) => name.normalize('NFC').trim();

/** The organisation a body leads: "Thành ủy Bắc Kạn" → "Đảng bộ thành phố Bắc Kạn"; other names are kept. */
export function organisationOf(bodyName: string): string {
  const name = nfc(bodyName);
  for (const [title, organisation] of COMMITTEE_TITLES) if (title.test(name)) return name.replace(title, organisation);
  return name;
}

/** The body that leads an organisation: "Đảng bộ Sở Giáo dục" → "Đảng ủy Sở Giáo dục"; other names are kept. */
export function bodyOf(organisationName: string): string {
  return nfc(organisationName).replace(/^Đảng bộ\s+/iu, 'Đảng ủy ');
}

/** The locality in a committee's name, for the place/date line: "Thành ủy Bắc Kạn" → "Bắc Kạn"; null if none. */
export function placeOf(committeeName: string): string | null {
  const name = nfc(committeeName);
  // "Đảng ủy Khối …" names a sector, not a place: only territorial committees give the locality.
  for (const [title, organisation] of COMMITTEE_TITLES)
    if (organisation !== 'Đảng bộ ' && title.test(name)) return name.replace(title, '');
  return null;
}
