import type { Vote } from '@workflows/admission/machine/context';
import type { DocumentSource } from '../document-source';
import type { DocumentForm } from '../document-form';
import { bodyParagraph, toFill } from '../party-document';
import { capitalise, dateInWords } from '../vietnamese-text';
import { datedLine, grassrootsBody, grassrootsHeader, numberLine, standingCommittee, voteLines } from './form-parts';

interface GrassrootsResolution {
  code: string;
  subject: string;
  event: string;
  vote: (source: DocumentSource) => Vote | null;
  cellResolution: (source: DocumentSource) => Vote | null;
  sectionAppraisedOn: (source: DocumentSource) => string | null;
  /** "việc kết nạp quần chúng …": what the members vote for. */
  object: (name: string) => string;
  /** What the committee asks of the standing committee, or decides itself under delegation. */
  conclusion: (name: string) => string;
  /** The committee's findings: a text when the dossier holds it, else dotted lines to fill in. */
  findings: (source: DocumentSource) => { label: string; text?: string }[];
}

/** Mẫu 8-KNĐ and 15-KNĐ: the grassroots committee's resolution on the cell's proposal. */
function grassrootsResolution(spec: GrassrootsResolution): DocumentForm {
  return {
    code: spec.code,
    title: `Nghị quyết ${spec.subject} của đảng ủy cơ sở`,
    event: () => spec.event,
    datedOn: (source) => spec.vote(source)?.on ?? null,
    available: (source) => spec.vote(source)?.passed === true && !!spec.cellResolution(source),
    build(source) {
      const vote = spec.vote(source)!;
      const cellVote = spec.cellResolution(source)!;
      const { cell, section, delegatedAdmission } = source.organisations;
      const body = grassrootsBody(source);
      const name = source.candidate.fullName;
      const appraisedOn = spec.sectionAppraisedOn(source);
      const findings = spec.findings(source);
      const { attendance, result } = voteLines(vote, 'cấp ủy viên', `của ${body}`, spec.object(name));
      const conclusion = delegatedAdmission
        ? `${body} (được ủy quyền) quyết định ${spec.conclusion(name)}.`
        : `${body} đề nghị ${standingCommittee(source)} xem xét, quyết định ${spec.conclusion(name)}.`;
      return {
        ...grassrootsHeader(source),
        number: numberLine(undefined, 'NQ/ĐU'),
        placeAndDate: datedLine(source, vote.on),
        title: 'NGHỊ QUYẾT',
        subject: spec.subject,
        body: [
          bodyParagraph('Căn cứ Điều lệ Đảng Cộng sản Việt Nam;'),
          bodyParagraph(
            `Căn cứ Nghị quyết ${cellVote.resolutionNo ? `số ${cellVote.resolutionNo} ` : ''}${dateInWords(cellVote.on)} ` +
              `của ${cell} ${spec.subject}` +
              (appraisedOn && section ? ` và báo cáo thẩm định ${dateInWords(appraisedOn)} của ${section};` : ';'),
          ),
          bodyParagraph(`${capitalise(dateInWords(vote.on))}, ${body} đã họp xét ${spec.object(name)}.`),
          bodyParagraph(attendance),
          bodyParagraph(`Sau khi nghiên cứu hồ sơ và nghị quyết đề nghị của ${cell}, ${body} kết luận:`),
          ...findings.flatMap(({ label, text }, index) =>
            text ? [bodyParagraph(`${index + 1}. ${label}: ${text}`)] : toFill(`${index + 1}. ${label}:`),
          ),
          bodyParagraph(`${findings.length + 1}. Kết quả biểu quyết: ${result}`),
          bodyParagraph(conclusion),
        ],
        recipients: [...(delegatedAdmission ? [] : [standingCommittee(source)]), cell, `Lưu Văn phòng ${body}`],
        signature: { onBehalfOf: 'T/M ĐẢNG ỦY', title: 'BÍ THƯ' },
      };
    },
  };
}

export const grassrootsAdmissionResolution = grassrootsResolution({
  code: '8-KNĐ',
  subject: 'đề nghị kết nạp đảng viên',
  event: 'RECORD_GRASSROOTS_VOTE',
  vote: ({ context }) => context.grassrootsVote,
  cellResolution: ({ context }) => context.cellResolution,
  sectionAppraisedOn: ({ context }) => context.sectionAppraisalOn,
  object: (name) => `việc kết nạp quần chúng ${name} vào Đảng`,
  conclusion: (name) => `kết nạp quần chúng ${name} vào Đảng Cộng sản Việt Nam`,
  findings: ({ context }) => {
    const verified = context.verification.concluded;
    return [
      { label: 'Những ưu, khuyết điểm chính của người vào Đảng' },
      {
        label: 'Về lịch sử chính trị và chính trị hiện nay',
        text: verified?.passed
          ? `đã thẩm tra, kết luận ${dateInWords(verified.on)}: đủ tiêu chuẩn chính trị để kết nạp vào Đảng.`
          : undefined,
      },
    ];
  },
});

export const grassrootsRecognitionResolution = grassrootsResolution({
  code: '15-KNĐ',
  subject: 'đề nghị công nhận đảng viên chính thức',
  event: 'RECORD_RECOGNITION_GRASSROOTS_VOTE',
  vote: ({ context }) => context.recognition.grassrootsVote,
  cellResolution: ({ context }) =>
    context.recognition.cellResolution?.proposal === 'recognise' ? context.recognition.cellResolution : null,
  sectionAppraisedOn: ({ context }) => context.recognition.sectionAppraisalOn,
  object: (name) => `việc công nhận đồng chí ${name} là đảng viên chính thức`,
  conclusion: (name) => `công nhận đồng chí ${name} là đảng viên chính thức`,
  findings: ({ context }) => [
    { label: 'Ngày vào Đảng', text: context.ceremony ? `${dateInWords(context.ceremony.on)}.` : undefined },
    { label: 'Ưu, khuyết điểm chính trong thời gian dự bị' },
  ],
});
