import type { DocumentForm } from '../document-form';
import { bodyParagraph, toFill } from '../party-document';
import { capitalise, dateInWords } from '../vietnamese-text';
import { cellHeader, cellProposesTo, datedLine, numberLine, voteLines } from './form-parts';

/** Mẫu 6-KNĐ: the cell's resolution proposing admission (Hướng dẫn 12-HD/BTCTW 2022, Phụ lục 1). */
export const cellAdmissionResolution: DocumentForm = {
  code: '6-KNĐ',
  title: 'Nghị quyết đề nghị kết nạp đảng viên của chi bộ',
  event: () => 'RECORD_CELL_VOTE',
  datedOn: ({ context }) => context.cellResolution?.on ?? null,
  available: ({ context }) => context.cellResolution?.passed === true,
  build(source) {
    const { context, candidate, organisations } = source;
    const vote = context.cellResolution!;
    const name = candidate.fullName;
    const { attendance, result } = voteLines(
      vote,
      'đảng viên chính thức',
      'của Chi bộ',
      `việc kết nạp quần chúng ${name} vào Đảng`,
    );
    const introducers = context.introducers.map((introducer) => `đồng chí ${introducer.memberName}`).join(', ');
    const union = context.unionIntroduction;
    const papers = [
      `đơn xin vào Đảng, lý lịch của người xin vào Đảng và kết quả thẩm tra lý lịch`,
      `ý kiến nhận xét của các đoàn thể chính trị - xã hội nơi người vào Đảng sinh hoạt và chi ủy nơi cư trú`,
      ...(introducers ? [`giấy giới thiệu của đảng viên chính thức (${introducers})`] : []),
      ...(union
        ? [
            `Nghị quyết số ${union.resolutionNo} giới thiệu ${union.union === 'youth' ? 'đoàn viên' : 'công đoàn viên'} ưu tú vào Đảng của ${union.union === 'youth' ? 'Đoàn Thanh niên Cộng sản Hồ Chí Minh' : 'Công đoàn'}`,
          ]
        : []),
    ];
    return {
      ...cellHeader(source),
      number: numberLine(vote.resolutionNo, 'NQ/CB'),
      placeAndDate: datedLine(source, vote.on),
      title: 'NGHỊ QUYẾT',
      subject: 'đề nghị kết nạp đảng viên',
      body: [
        bodyParagraph('Căn cứ Điều 4 Điều lệ Đảng Cộng sản Việt Nam;'),
        bodyParagraph(
          `${capitalise(dateInWords(vote.on))}, ${organisations.cell} đã họp để xét, đề nghị kết nạp quần chúng ${name} ` +
            `(sinh ${dateInWords(candidate.dateOfBirth)}) vào Đảng Cộng sản Việt Nam.`,
        ),
        bodyParagraph(attendance),
        bodyParagraph(
          `Sau khi xem xét ${papers.join('; ')}, Chi bộ thảo luận và nhận xét ưu, khuyết điểm của quần chúng ${name} như sau:`,
        ),
        ...toFill('1. Ưu điểm:'),
        ...toFill('2. Khuyết điểm:'),
        bodyParagraph(`3. Kết quả biểu quyết: ${result}`),
        bodyParagraph(
          `${organisations.cell} đề nghị ${cellProposesTo(source)} xem xét, ` +
            `kết nạp quần chúng ${name} vào Đảng Cộng sản Việt Nam.`,
        ),
      ],
      recipients: [cellProposesTo(source), 'Lưu Chi bộ'],
      signature: { onBehalfOf: 'T/M CHI BỘ', title: 'BÍ THƯ' },
    };
  },
};
