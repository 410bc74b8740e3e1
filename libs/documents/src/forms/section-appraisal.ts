import type { DocumentSource } from '../document-source';
import type { DocumentForm } from '../document-form';
import { bodyParagraph, toFill } from '../party-document';
import { dateInWords } from '../vietnamese-text';
import { datedLine, grassrootsBody, sectionHeader } from './form-parts';

const resolutionReference = (number: string | undefined, on: string, cell: string) =>
  `Nghị quyết ${number ? `số ${number} ` : ''}${dateInWords(on)} của ${cell}`;

/**
 * Mẫu 7-KNĐ and 14-KNĐ: the section's report appraising the cell's resolution (admission, then recognition).
 * The dossier records that the appraisal was made and when; its findings are left for the section to write.
 */
function sectionAppraisal(
  code: string,
  subject: string,
  appraisedOn: (source: DocumentSource) => string | null,
  resolution: (source: DocumentSource) => { no?: string; on: string } | null,
  proposal: (name: string) => string,
  event: string,
): DocumentForm {
  return {
    code,
    title: `Báo cáo của đảng ủy bộ phận thẩm định nghị quyết ${subject} của chi bộ`,
    event: () => event,
    datedOn: appraisedOn,
    available: (source) => !!source.organisations.section && !!appraisedOn(source) && !!resolution(source),
    build(source) {
      const on = appraisedOn(source)!;
      const cellResolution = resolution(source)!;
      const { cell, section } = source.organisations;
      const name = source.candidate.fullName;
      return {
        ...sectionHeader(source),
        number: 'Số       -BC/ĐU',
        placeAndDate: datedLine(source, on),
        title: 'BÁO CÁO',
        subject: `thẩm định nghị quyết ${subject} của chi bộ`,
        body: [
          bodyParagraph(
            `Thực hiện Điều lệ Đảng và hướng dẫn của cấp trên, ${section} đã thẩm định ` +
              `${resolutionReference(cellResolution.no, cellResolution.on, cell)} ${proposal(name)}.`,
          ),
          ...toFill('Kết quả thẩm định:', 3),
          bodyParagraph(`${section} đề nghị ${grassrootsBody(source)} xem xét, ${proposal(name)}.`),
        ],
        recipients: [grassrootsBody(source), cell, `Lưu ${section}`],
        signature: { onBehalfOf: 'T/M ĐẢNG ỦY BỘ PHẬN', title: 'BÍ THƯ' },
      };
    },
  };
}

export const sectionAdmissionAppraisal = sectionAppraisal(
  '7-KNĐ',
  'đề nghị kết nạp đảng viên',
  ({ context }) => context.sectionAppraisalOn,
  ({ context }) =>
    context.cellResolution ? { no: context.cellResolution.resolutionNo, on: context.cellResolution.on } : null,
  (name) => `đề nghị kết nạp quần chúng ${name} vào Đảng`,
  'RECORD_SECTION_APPRAISAL',
);

export const sectionRecognitionAppraisal = sectionAppraisal(
  '14-KNĐ',
  'đề nghị công nhận đảng viên chính thức',
  ({ context }) => context.recognition.sectionAppraisalOn,
  ({ context }) => {
    const resolution = context.recognition.cellResolution;
    return resolution?.proposal === 'recognise' ? { no: resolution.resolutionNo, on: resolution.on } : null;
  },
  (name) => `đề nghị công nhận đồng chí ${name} là đảng viên chính thức`,
  'RECORD_SECTION_APPRAISAL',
);
