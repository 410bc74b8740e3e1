import { withoutDiacritics } from '@libs/documents';

/** RFC 5987 value characters: everything else is percent-encoded, including the ' ( ) * that encodeURIComponent keeps. */
const rfc5987 = (text: string) =>
  encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * `attachment` with the Vietnamese file name (RFC 6266 `filename*`, UTF-8) and an ASCII fallback for clients that
 * ignore it: "6-KNĐ Nghị quyết … - Nguyễn Thị Hoa.docx" and "6-KND_Nghi_quyet_…_Nguyen_Thi_Hoa.docx".
 */
export function attachment(fileName: string): string {
  const name = fileName.normalize('NFC');
  const ascii = withoutDiacritics(name)
    .replace(/[^A-Za-z0-9.-]+/g, '_')
    .replace(/_+/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(name)}`;
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
