import type { Vote } from '@workflows/admission/machine/context';
import type { DocumentSource } from '../document-source';
import type { DocumentForm } from '../document-form';
import { bodyParagraph, line } from '../party-document';
import { dateInWords, MISSING, upper } from '../vietnamese-text';
import { committeeHeader, datedLine, decidingBody, grassrootsBody, grassrootsHeader } from './form-parts';

interface Decision {
  decisionNo: string;
  on: string;
  byDelegation: boolean;
}

interface CommitteeDecision {
  code: string;
  title: string;
  subject: string;
  event: (source: DocumentSource, decision: Decision) => string;
  decision: (source: DocumentSource) => Decision | null;
  /** The proposal the decision answers, cited in its grounds. */
  proposalOn: (source: DocumentSource) => string | null;
  articles: (source: DocumentSource, decision: Decision) => string[];
}

/**
 * A decision of the standing committee, or of the grassroots committee holding delegation: Mẫu 9-KNĐ, 16-KNĐ and
 * the removal from the list of probationary members. The decision names whoever carries it out in its last article.
 */
function committeeDecision(spec: CommitteeDecision): DocumentForm {
  return {
    code: spec.code,
    title: spec.title,
    event: (source) => spec.event(source, spec.decision(source)!),
    datedOn: (source) => spec.decision(source)?.on ?? null,
    available: (source) => !!spec.decision(source) && !!spec.proposalOn(source),
    build(source) {
      const decision = spec.decision(source)!;
      const body = decidingBody(source, decision.byDelegation);
      const { cell } = source.organisations;
      const name = source.candidate.fullName;
      // A grassroots cell is its own grassroots level: it is named once.
      const carriedOutBy =
        decision.byDelegation || !source.organisations.grassroots ? cell : `${grassrootsBody(source)}, ${cell}`;
      const articles = [
        ...spec.articles(source, decision),
        `${carriedOutBy} và đồng chí ${name} thi hành Quyết định này.`,
      ];
      return {
        ...(decision.byDelegation ? grassrootsHeader(source) : committeeHeader(source)),
        number: `Số ${decision.decisionNo}`,
        placeAndDate: datedLine(source, decision.on),
        title: 'QUYẾT ĐỊNH',
        subject: spec.subject,
        body: [
          bodyParagraph('- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;'),
          bodyParagraph(
            decision.byDelegation
              ? `- Căn cứ kết quả biểu quyết của ${body} ${dateInWords(spec.proposalOn(source)!)} và quyết định ủy quyền của cấp ủy cấp trên;`
              : `- Xét đề nghị của ${grassrootsBody(source)} (nghị quyết ${dateInWords(spec.proposalOn(source)!)}) và của Ban Tổ chức ${source.organisations.committee},`,
          ),
          line({
            text: `${upper(decision.byDelegation ? body : `Ban Thường vụ ${source.organisations.committee}`)} QUYẾT ĐỊNH`,
            bold: true,
          }),
          ...articles.map((article, index) =>
            bodyParagraph([{ text: `Điều ${index + 1}. `, bold: true }, { text: article }]),
          ),
        ],
        recipients: [
          'Như Điều ' + articles.length,
          ...(decision.byDelegation ? [] : [`Ban Tổ chức ${source.organisations.committee}`]),
          'Lưu hồ sơ đảng viên',
        ],
        signature: { onBehalfOf: decision.byDelegation ? 'T/M ĐẢNG ỦY' : 'T/M BAN THƯỜNG VỤ', title: 'BÍ THƯ' },
      };
    },
  };
}

/**
 * The resolution a decision answers: the grassroots committee's, or the cell's own where the cell is a grassroots
 * cell (chi bộ cơ sở, Charter art. 21), whose vote goes straight to the standing committee.
 */
const proposal = (source: DocumentSource, grassrootsVote: Vote | null, cellVote: Vote | null) =>
  source.organisations.grassroots ? grassrootsVote : cellVote;

const admissionProposal = (source: DocumentSource) =>
  proposal(source, source.context.grassrootsVote, source.context.cellResolution);
const recognitionProposal = (source: DocumentSource) =>
  proposal(source, source.context.recognition.grassrootsVote, source.context.recognition.cellResolution);

const born = (source: DocumentSource) => `sinh ${dateInWords(source.candidate.dateOfBirth)}`;
const admittedOn = (source: DocumentSource) =>
  source.context.ceremony ? dateInWords(source.context.ceremony.on) : MISSING;

export const admissionDecision = committeeDecision({
  code: '9-KNĐ',
  title: 'Quyết định kết nạp đảng viên',
  subject: 'kết nạp đảng viên',
  event: (_source, decision) => (decision.byDelegation ? 'RECORD_GRASSROOTS_VOTE' : 'ISSUE_DECISION'),
  decision: (source) =>
    source.context.decision && admissionProposal(source)?.passed
      ? {
          decisionNo: source.context.decision.decisionNo,
          on: source.context.decision.signedOn,
          byDelegation: source.context.decision.byDelegation,
        }
      : null,
  proposalOn: (source) => admissionProposal(source)?.on ?? null,
  articles: (source) => [
    `Kết nạp quần chúng ${source.candidate.fullName}, ${born(source)}, dân tộc ${source.candidate.ethnicity}, ` +
      `vào Đảng Cộng sản Việt Nam.`,
    `Thời gian dự bị của đồng chí ${source.candidate.fullName} là 12 tháng, kể từ ngày ${source.organisations.cell} ` +
      `tổ chức lễ kết nạp.`,
  ],
});

export const recognitionDecision = committeeDecision({
  code: '16-KNĐ',
  title: 'Quyết định công nhận đảng viên chính thức',
  subject: 'công nhận đảng viên chính thức',
  event: (_source, decision) => (decision.byDelegation ? 'RECORD_RECOGNITION_GRASSROOTS_VOTE' : 'ISSUE_RECOGNITION'),
  decision: (source) => {
    const { outcome } = source.context;
    return outcome?.kind === 'officialMember' && outcome.decisionNo && recognitionProposal(source)?.passed
      ? { decisionNo: outcome.decisionNo, on: outcome.on, byDelegation: source.organisations.delegatedAdmission }
      : null;
  },
  proposalOn: (source) => recognitionProposal(source)?.on ?? null,
  articles: (source) => [
    `Công nhận đồng chí ${source.candidate.fullName}, ${born(source)}, được kết nạp vào Đảng ${admittedOn(source)}, ` +
      `là đảng viên chính thức kể từ ${source.dates.officialFrom ? dateInWords(source.dates.officialFrom) : MISSING}.`,
  ],
});

export const removalDecision = committeeDecision({
  code: 'XOA-TEN-DU-BI',
  title: 'Quyết định xóa tên trong danh sách đảng viên dự bị',
  subject: 'xóa tên trong danh sách đảng viên dự bị',
  event: (_source, decision) => (decision.byDelegation ? 'RECORD_RECOGNITION_GRASSROOTS_VOTE' : 'ISSUE_REMOVAL'),
  decision: ({ context, organisations }) =>
    context.outcome?.kind === 'removedFromProbation' && context.outcome.decisionNo
      ? {
          decisionNo: context.outcome.decisionNo,
          on: context.outcome.on,
          byDelegation: organisations.delegatedAdmission,
        }
      : null,
  proposalOn: ({ context }) => context.recognition.grassrootsVote?.on ?? context.recognition.cellResolution?.on ?? null,
  articles: (source) => [
    `Xóa tên đồng chí ${source.candidate.fullName}, ${born(source)}, được kết nạp vào Đảng ${admittedOn(source)}, ` +
      `trong danh sách đảng viên dự bị của ${source.organisations.cell}. ` +
      `Lý do: ${source.context.outcome?.reason ?? MISSING}.`,
  ],
});
