import type { PolicyParameters, PolicyVersion } from './policy';

/**
 * The legal numbers as dated data. Each version is the regulation set in force from `effectiveFrom`;
 * citations and confidence marks come from shared/design/domain-sources.md.
 */

const CHARTER = 'Điều lệ Đảng (2011)';

const BASE_2016: PolicyParameters = {
  minAgeMonths: { value: 216, citation: '29-QĐ/TW (2016) §1.1', confidence: 'quoted' },
  maxAgeMonths: {
    value: 720,
    citation: '29-QĐ/TW (2016) §1.1 (the day of the 60th birthday is the last eligible day: reading not confirmed)',
    confidence: 'unconfirmed',
  },
  minGeneralEducation: { value: 'lowerSecondary', citation: '29-QĐ/TW (2016) §1.2', confidence: 'quoted' },
  exceptionGeneralEducation: { value: 'primary', citation: '01-HD/TW (2016) §1.2', confidence: 'secondary' },
  certificateValidityMonths: { value: 60, citation: '01-HD/TW (2016) §5.4', confidence: 'secondary' },
  introducerKnownMonths: { value: 12, citation: `${CHARTER} Điều 4.1; 29-QĐ/TW (2016) §3.2`, confidence: 'quoted' },
  cellVoteFraction: { value: [2, 3], citation: `${CHARTER} Điều 4.3; 01-HD/TW (2016) §3.6`, confidence: 'quoted' },
  grassrootsVoteFraction: { value: [2, 3], citation: '29-QĐ/TW (2016) §4.3.2a', confidence: 'unconfirmed' },
  committeeMajorityFraction: {
    value: [1, 2],
    citation: `${CHARTER} Điều 9 (nguyên tắc chung)`,
    confidence: 'secondary',
  },
  admissionDecisionWorkingDays: { value: 60, citation: '29-QĐ/TW (2016) §4.3.1', confidence: 'quoted' },
  decisionExtensionWorkingDays: { value: 30, citation: '29-QĐ/TW (2016) §4.3.1', confidence: 'quoted' },
  ceremonyWorkingDays: { value: 30, citation: '29-QĐ/TW (2016) §4.1', confidence: 'quoted' },
  memberHistoryWorkingDays: { value: 30, citation: '09-HD/BTCTW (2017) §2.2', confidence: 'quiz' },
  probationMonths: { value: 12, citation: `${CHARTER} Điều 5.1`, confidence: 'quoted' },
  recognitionReviewWorkingDays: { value: 30, citation: '29-QĐ/TW (2016) §4.2a', confidence: 'quoted' },
  recognitionDecisionWorkingDays: { value: 30, citation: '29-QĐ/TW (2016) §4.3.1', confidence: 'quoted' },
  failedVotesBeforeEscalation: { value: 3, citation: '29-QĐ/TW (2016) §4.2c', confidence: 'quoted' },
  reminderLeadWorkingDays: {
    value: 5,
    citation: 'Cấu hình của hệ thống (không phải quy định)',
    confidence: 'unconfirmed',
  },
  verificationAnswerWorkingDays: {
    value: 30,
    citation: 'Cấu hình của hệ thống: chưa tìm thấy quy định về thời hạn trả lời thẩm tra',
    confidence: 'unconfirmed',
  },
  paperValidityMonths: {
    value: 12,
    citation: '01-HD/TW (2021); 06-HD/TW (2025) §5.4 (chỉ thấy ở tài liệu của một chi bộ: chưa xác nhận văn bản gốc)',
    confidence: 'unconfirmed',
  },
  youthAgeFromMonths: { value: 192, citation: 'Luật Thanh niên 2020 Điều 1', confidence: 'secondary' },
  youthAgeUntilMonths: {
    value: 372,
    citation: 'Luật Thanh niên 2020 Điều 1 ("đến 30 tuổi": hiểu là đến trước sinh nhật thứ 31, chưa xác nhận)',
    confidence: 'unconfirmed',
  },
};

function amend(
  base: PolicyParameters,
  regulation: string,
  guidance: string,
  confidence: 'quoted' | 'secondary' | 'quiz',
): PolicyParameters {
  const cite = (clause: string, source = regulation) => `${source} ${clause}`;
  return {
    ...base,
    minAgeMonths: { value: 216, citation: cite('§1.1.1'), confidence },
    maxAgeMonths: { ...base.maxAgeMonths, citation: `${cite('§1.1.1')} (ngày sinh nhật thứ 60 là ngày cuối cùng)` },
    minGeneralEducation: { value: 'lowerSecondary', citation: cite('§1.2.1'), confidence },
    exceptionGeneralEducation: { value: 'primary', citation: cite('§1.2', guidance), confidence: 'secondary' },
    certificateValidityMonths: { value: 60, citation: cite('§5.4', guidance), confidence: 'quiz' },
    introducerKnownMonths: { value: 12, citation: `${CHARTER} Điều 4.1; ${cite('§3.2.1')}`, confidence: 'secondary' },
    cellVoteFraction: { value: [2, 3], citation: `${CHARTER} Điều 4.3; ${cite('§3.6b', guidance)}`, confidence },
    admissionDecisionWorkingDays: { value: 60, citation: cite('§4.3.1'), confidence },
    decisionExtensionWorkingDays: { value: 30, citation: cite('§4.3.1'), confidence },
    ceremonyWorkingDays: { value: 30, citation: cite('§4.1'), confidence },
    memberHistoryWorkingDays: { value: 30, citation: '12-HD/BTCTW (2022) §2.2', confidence: 'quiz' },
    recognitionReviewWorkingDays: { value: 30, citation: cite('§4.2a'), confidence },
    recognitionDecisionWorkingDays: { value: 30, citation: cite('§4.3.1'), confidence },
    failedVotesBeforeEscalation: { value: 3, citation: cite('§4.2c'), confidence },
  };
}

export const POLICY_VERSIONS: readonly PolicyVersion[] = [
  {
    id: '2016-29-QD-TW',
    title: 'Quy định 29-QĐ/TW (25/7/2016) và Hướng dẫn 01-HD/TW (20/9/2016)',
    effectiveFrom: '2016-07-25',
    parameters: BASE_2016,
  },
  {
    id: '2021-24-QD-TW',
    title: 'Quy định 24-QĐ/TW (30/7/2021) và Hướng dẫn 01-HD/TW (28/9/2021)',
    effectiveFrom: '2021-07-30',
    parameters: amend(BASE_2016, '24-QĐ/TW (2021)', '01-HD/TW (2021)', 'secondary'),
  },
  {
    id: '2025-232-QD-TW',
    title: 'Quy định 232-QĐ/TW (20/01/2025)',
    effectiveFrom: '2025-01-20',
    parameters: amend(BASE_2016, '232-QĐ/TW (2025)', '01-HD/TW (2021)', 'quoted'),
  },
  {
    id: '2025-294-QD-TW',
    title: 'Quy định 294-QĐ/TW (26/5/2025, hiệu lực 01/7/2025) và Hướng dẫn 06-HD/TW (09/6/2025)',
    effectiveFrom: '2025-07-01',
    parameters: amend(BASE_2016, '294-QĐ/TW (2025)', '06-HD/TW (2025)', 'quiz'),
  },
];

/**
 * The versions the workflow judges with: the built-in ones until the engine passes in those an administrator has
 * published (stored by the application), ordered by effective date, a later publication after an earlier one.
 */
let inForce: readonly PolicyVersion[] = POLICY_VERSIONS;

export function usePolicyVersions(versions: readonly PolicyVersion[]): void {
  inForce = versions.length ? versions : POLICY_VERSIONS;
}

/** The version in force on `date`; dates before the first version are judged by the first. */
export function policyVersionOn(date: string, versions: readonly PolicyVersion[] = inForce): PolicyVersion {
  let chosen = versions[0];
  for (const version of versions) if (version.effectiveFrom <= date) chosen = version;
  return chosen;
}
