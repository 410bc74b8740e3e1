import { bearer } from './dossier-helpers';
import type { TestApp } from './test-app';

/** The header line of a members import file (POST /api/members/import). */
export const MEMBER_CSV_HEADER =
  'fullName,dateOfBirth,gender,ethnicity,religion,educationLevel,generalEducation,occupation,youthUnionMember,cellId,decisionOn,admittedOn,officialFrom';

/** Sends the import file `lines` (under the header) as `token`, and answers the response, whatever its status. */
export const importMembers = (t: TestApp, token: string, lines: string[]) =>
  t
    .http()
    .post('/api/members/import')
    .set('Authorization', bearer(token))
    .set('Content-Type', 'text/csv')
    .send([MEMBER_CSV_HEADER, ...lines].join('\n'));
