import mammoth from 'mammoth';
import type { Response } from 'supertest';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The text of a .docx answer as a reader of the printed page sees it, one paragraph a line, spaces collapsed. */
export async function textOf(response: Response): Promise<string> {
  expect(response.headers['content-type']).toBe(DOCX);
  const { value } = await mammoth.extractRawText({ buffer: response.body as Buffer });
  return value
    .split('\n')
    .map((paragraph) => paragraph.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
