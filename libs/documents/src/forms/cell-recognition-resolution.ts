import type { DocumentForm } from '../document-form';
import { bodyParagraph, toFill } from '../party-document';
import { capitalise, dateInWords } from '../vietnamese-text';
import { cellHeader, cellProposesTo, datedLine, numberLine, voteLines } from './form-parts';

/**
 * Mẫu 13-KNĐ: the cell's resolution on a probationary member at the end of probation (Điều 5 Điều lệ Đảng), proposing
 * recognition as an official member or, when the cell so votes, removal from the list of probationary members.
 */
export const cellRecognitionResolution: DocumentForm = {
  code: '13-KNĐ',
  title: 'Nghị quyết đề nghị công nhận đảng viên chính thức của chi bộ',
  event: () => 'RECORD_RECOGNITION_CELL_VOTE',
  datedOn: ({ context }) => context.recognition.cellResolution?.on ?? null,
  available: ({ context }) => context.recognition.cellResolution?.passed === true && !!context.ceremony,
  build(source) {
    const { context, candidate, organisations } = source;
    const vote = context.recognition.cellResolution!;
    const name = candidate.fullName;
    const recognise = vote.proposal !== 'remove';
    const proposal = recognise
      ? `công nhận đồng chí ${name} là đảng viên chính thức`
      : `xóa tên đồng chí ${name} trong danh sách đảng viên dự bị`;
    const { attendance, result } = voteLines(vote, 'đảng viên chính thức', 'của Chi bộ', `việc ${proposal}`);
    const helpers = context.helpers.map((helper) => `đồng chí ${helper.name}`).join(', ');
    return {
      ...cellHeader(source),
      number: numberLine(vote.resolutionNo, 'NQ/CB'),
      placeAndDate: datedLine(source, vote.on),
      title: 'NGHỊ QUYẾT',
      subject: recognise ? 'đề nghị công nhận đảng viên chính thức' : 'đề nghị xóa tên trong danh sách đảng viên dự bị',
      body: [
        bodyParagraph('Căn cứ Điều 5 Điều lệ Đảng Cộng sản Việt Nam;'),
        bodyParagraph(
          `${capitalise(dateInWords(vote.on))}, ${organisations.cell} đã họp để xét, đề nghị ${recognise ? 'công nhận' : 'xóa tên'} ` +
            `đảng viên dự bị ${name}, được kết nạp vào Đảng ${dateInWords(context.ceremony!.on)}` +
            `${recognise ? ', trở thành đảng viên chính thức' : ' trong danh sách đảng viên dự bị'}.`,
        ),
        bodyParagraph(attendance),
        bodyParagraph(
          `Sau khi nghe bản tự kiểm điểm của đồng chí ${name}` +
            `${helpers ? `, ý kiến nhận xét của đảng viên được phân công giúp đỡ (${helpers})` : ''}` +
            ` và ý kiến nhận xét của các đoàn thể chính trị - xã hội và chi ủy nơi cư trú, Chi bộ thảo luận và nhận xét:`,
        ),
        ...toFill('1. Ưu điểm:'),
        ...toFill('2. Khuyết điểm:'),
        bodyParagraph(`3. Kết quả biểu quyết: ${result}`),
        bodyParagraph(`${organisations.cell} đề nghị ${cellProposesTo(source)} xem xét, ${proposal}.`),
      ],
      recipients: [cellProposesTo(source), 'Lưu Chi bộ'],
      signature: { onBehalfOf: 'T/M CHI BỘ', title: 'BÍ THƯ' },
    };
  },
};
