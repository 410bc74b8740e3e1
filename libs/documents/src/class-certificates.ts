import type { ISectionOptions } from 'docx';
import type { LocalDate } from '@workflows/common/local-date';
import { organisationOf, placeOf } from './organisation-names';
import { A4_PAGE, blank, bodyParagraph, header, line, toFill, twoColumns } from './party-document';
import { dateInWords, placeAndDate, upper } from './vietnamese-text';
import { toDocx } from './party-document';

export type TrainingClassKind = 'awareness' | 'newMember' | 'committeeStaff';

export interface CertifiedClass {
  kind: TrainingClassKind;
  name: string;
  /** The organisation that opened the class ("Thành ủy Bắc Kạn") and the centre that teaches it and signs. */
  organizer: string;
  issuer: string;
  startsOn: LocalDate;
  endsOn: LocalDate;
  closedOn: LocalDate;
}

export interface CertifiedParticipant {
  fullName: string;
  certificateNo: string;
  dateOfBirth: LocalDate | null;
  /** The cell of the participant's dossier, if the participant has one. */
  cell: string | null;
}

/** What each kind of class certifies. */
const PROGRAMMES: Record<TrainingClassKind, string> = {
  awareness: 'lớp bồi dưỡng nhận thức về Đảng',
  newMember: 'lớp bồi dưỡng lý luận chính trị dành cho đảng viên mới',
  committeeStaff: 'lớp bồi dưỡng nghiệp vụ công tác đảng',
};

function certificateSection(trainingClass: CertifiedClass, participant: CertifiedParticipant): ISectionOptions {
  const programme = PROGRAMMES[trainingClass.kind];
  const field = (label: string, value: string | null) =>
    value ? [bodyParagraph([{ text: `${label}: ` }, { text: value, bold: true }])] : toFill(`${label}:`, 1);
  return {
    properties: { page: A4_PAGE },
    children: [
      header(
        upper(trainingClass.organizer),
        upper(trainingClass.issuer),
        null,
        placeAndDate(placeOf(trainingClass.organizer), trainingClass.closedOn),
      ),
      blank(),
      line({ text: 'GIẤY CHỨNG NHẬN', bold: true, size: 36 }),
      line({ text: `Học ${programme}`, bold: true }),
      line('-----'),
      blank(),
      bodyParagraph(`${trainingClass.issuer} chứng nhận:`),
      ...field('Họ và tên', participant.fullName),
      ...field('Sinh ngày', participant.dateOfBirth && dateInWords(participant.dateOfBirth).replace(/^ngày /, '')),
      ...field('Đơn vị', participant.cell),
      bodyParagraph(
        `Đã hoàn thành chương trình ${programme} (${trainingClass.name}) do ${organisationOf(trainingClass.organizer)} ` +
          `tổ chức, từ ${dateInWords(trainingClass.startsOn)} đến ${dateInWords(trainingClass.endsOn)}.`,
      ),
      ...toFill('Xếp loại:', 1),
      blank(),
      twoColumns(
        [line({ text: `Số: ${participant.certificateNo}` }, 'left')],
        [line({ text: 'GIÁM ĐỐC', bold: true }), blank(), blank(), blank(), blank()],
        0.5,
      ),
    ],
  };
}

/**
 * The certificates of a closed class, one page each, in one .docx. The layout follows the party header of
 * Hướng dẫn 36-HD/VPTW; the wording of the certificate issued by political training centres was not found and is
 * reconstructed (docs/documents.md).
 */
export function renderClassCertificates(trainingClass: CertifiedClass, participants: CertifiedParticipant[]) {
  return toDocx(
    participants.map((participant) => certificateSection(trainingClass, participant)),
    `Giấy chứng nhận ${PROGRAMMES[trainingClass.kind]} — ${trainingClass.name}`,
  );
}
