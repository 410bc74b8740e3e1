import { RuleViolationError } from '@libs/engine';
import { vietnameseDate } from '@workflows/common/local-date';

/**
 * Rules of the organisation tree over time. They are the system's own rules for keeping the tree's history true,
 * except where a regulation is cited.
 */
const TREE_RULE = 'Quy tắc lưu vết tổ chức đảng theo thời gian (thay đổi có ngày hiệu lực, không sửa quá khứ đã ghi)';
const CHARTER_24 = 'Điều lệ Đảng (2011) Điều 24.1 (chi bộ phải được bổ sung đảng viên hoặc hợp nhất)';

const refuse = (rule: string, vi: string, en: string, citation = TREE_RULE) =>
  new RuleViolationError({ rule, message: { vi, en }, citation });

export const futureChange = (effectiveFrom: string, today: string) =>
  refuse(
    'organization.futureDate',
    `Ngày hiệu lực ${vietnameseDate(effectiveFrom)} ở tương lai (hôm nay là ${vietnameseDate(today)}): hãy ghi nhận thay đổi khi đến ngày.`,
    `The effective date ${effectiveFrom} lies in the future (today is ${today}): record the change on its day.`,
  );

export const changeOutOfOrder = (effectiveFrom: string, latest: string) =>
  refuse(
    'organization.changeOrder',
    `Ngày hiệu lực ${vietnameseDate(effectiveFrom)} trước thay đổi đã ghi ngày ${vietnameseDate(latest)}: các thay đổi được ghi theo thứ tự thời gian.`,
    `The effective date ${effectiveFrom} precedes a change already recorded on ${latest}: changes go in date order.`,
  );

export const closedOrganization = (name: string) =>
  refuse(
    'organization.closed',
    `Tổ chức ${name} đã giải thể hoặc hợp nhất: không thể thay đổi hay chuyển vào.`,
    `${name} is closed or merged: it can neither change nor receive anything.`,
  );

export const beforeOpening = (effectiveFrom: string, openedOn: string) =>
  refuse(
    'organization.beforeOpening',
    `Ngày hiệu lực ${vietnameseDate(effectiveFrom)} trước ngày thành lập ${vietnameseDate(openedOn)}.`,
    `The effective date ${effectiveFrom} precedes the opening on ${openedOn}.`,
  );

export const notEmpty = (name: string) =>
  refuse(
    'organization.notEmpty',
    `Tổ chức ${name} còn tổ chức trực thuộc hoặc hồ sơ: hãy chuyển hoặc hợp nhất trước khi giải thể.`,
    `${name} still holds organisations or dossiers: move or merge them before closing it.`,
    CHARTER_24,
  );

export const mergeTarget = (vi: string, en: string) => refuse('organization.mergeTarget', vi, en);

export const moveIntoOwnSubtree = () =>
  refuse(
    'organization.cycle',
    'Không thể chuyển một tổ chức vào chính nó hoặc tổ chức trực thuộc nó.',
    'An organisation cannot move under itself or under one of its own.',
  );
