import type { AdmissionContext } from '../machine/context';
import { violation, type RuleCheck } from './rule-check';

const CITATION = 'Hướng dẫn 12-HD/BTCTW (2022) §1.1 (báo cáo thẩm định của đảng ủy bộ phận)';

/** The appraisal of the current round: admission before the ceremony, recognition after it. */
const appraisedOn = (context: AdmissionContext) =>
  context.ceremony ? context.recognition.sectionAppraisalOn : context.sectionAppraisalOn;

export const sectionAppraisalApplicable: RuleCheck = ({ context, event }) => {
  if (!event.meta.facts.hasSection)
    return violation(
      'appraisal.noSection',
      'Chi bộ không trực thuộc đảng ủy bộ phận nên không có bước thẩm định.',
      'The cell sits under no section, so there is no section appraisal.',
      CITATION,
    );
  return appraisedOn(context)
    ? violation(
        'step.alreadyRecorded',
        'Đã ghi nhận thẩm định của đảng ủy bộ phận.',
        "The section's appraisal is already recorded.",
        CITATION,
      )
    : null;
};

export const sectionAppraisedFirst: RuleCheck = ({ context, event }) =>
  event.meta.facts.hasSection && !appraisedOn(context)
    ? violation(
        'appraisal.sectionFirst',
        'Đảng ủy bộ phận phải thẩm định trước khi đảng ủy cơ sở biểu quyết.',
        'The section must appraise the dossier before the grassroots committee votes.',
        CITATION,
      )
    : null;
