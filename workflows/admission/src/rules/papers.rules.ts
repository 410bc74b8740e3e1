import { addMonths, type LocalDate, vietnameseDate } from '@workflows/common/local-date';
import { violation, type RuleCheck } from './rule-check';

/** The papers the cell vote rests on, each with the date it was recorded. */
function papersOf(context: Parameters<RuleCheck>[0]['context']) {
  const papers: { on: LocalDate; vi: string; en: string }[] = context.introducers.map((i) => ({
    on: i.on,
    vi: `giấy giới thiệu của đảng viên ${i.memberName}`,
    en: `the introduction by ${i.memberName}`,
  }));
  const union = context.unionIntroduction;
  if (union)
    papers.push({
      on: union.on,
      vi: `nghị quyết giới thiệu của ${union.union === 'youth' ? 'Đoàn' : 'Công đoàn'} số ${union.resolutionNo}`,
      en: `the ${union.union === 'youth' ? 'Youth Union' : 'trade-union'} resolution ${union.resolutionNo}`,
    });
  if (context.commentsOn)
    papers.push({ on: context.commentsOn, vi: 'ý kiến nhận xét (5-KNĐ)', en: 'the comments (5-KNĐ)' });
  return papers;
}

/** At the cell vote, every introduction, union resolution and the comments are at most 12 months old. */
export const papersFresh: RuleCheck = ({ context, event, policy }) => {
  const months = policy.paperValidityMonths.value;
  const stale = papersOf(context).filter((paper) => event.occurredOn > addMonths(paper.on, months));
  if (!stale.length) return null;
  return violation(
    'papers.expired',
    `Quá ${months} tháng tính đến ngày chi bộ xét (${vietnameseDate(event.occurredOn)}), phải làm lại: ${stale.map((p) => `${p.vi} (${vietnameseDate(p.on)})`).join('; ')}.`,
    `Older than ${months} months on the cell vote date (${event.occurredOn}), to be redone: ${stale.map((p) => `${p.en} (${p.on})`).join('; ')}.`,
    policy.paperValidityMonths.citation,
  );
};
