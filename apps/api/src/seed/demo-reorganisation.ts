import type { INestApplicationContext } from '@nestjs/common';
import type { AuthenticatedUser } from '@libs/auth';
import type { OrganizationEntity } from '@libs/persistence';
import { OrganizationChangesService } from '../organizations/organization-changes.service';
import { OrganizationsService } from '../organizations/organizations.service';

/** Quy định 294-QĐ/TW (26/5/2025): from this day there is no district level and Bắc Kạn is part of Thái Nguyên. */
export const REORGANISED_ON = '2025-07-01';
export const DEMO_PROVINCE = 'Tỉnh ủy Thái Nguyên';

/**
 * The demo's 1 July 2025, applied as an administrator records it: the provincial committee and the new ward committee;
 * Bắc Kạn's education party committee merged into Thái Nguyên's; the ward's grassroots organisation under the new ward
 * committee; the police committee under the province, renamed; the city committee, emptied, merged into the province
 * (its specialist, committee members and inspector now work there). Demo data: the real tree differs in detail.
 */
export async function reorganise2025(
  app: INestApplicationContext,
  admin: AuthenticatedUser,
  orgs: Map<string, OrganizationEntity>,
): Promise<Map<string, OrganizationEntity>> {
  const organizations = app.get(OrganizationsService);
  const changes = app.get(OrganizationChangesService);
  const effectiveFrom = REORGANISED_ON;
  const province = await organizations.create({ name: DEMO_PROVINCE, kind: 'committee', committeeSize: 5 });
  const ward = await organizations.create({
    name: 'Đảng ủy phường Đức Xuân',
    kind: 'committee',
    parentId: province.id,
    committeeSize: 9,
    openedOn: effectiveFrom,
  });
  const education = await organizations.create({
    name: 'Đảng bộ Sở Giáo dục và Đào tạo tỉnh Thái Nguyên',
    kind: 'grassroots',
    parentId: province.id,
    committeeSize: 11,
  });
  const id = (key: string) => orgs.get(key)!.id;
  await changes.merge(admin, id('education'), { intoId: education.id, effectiveFrom });
  await changes.update(admin, id('ward'), { parentId: ward.id, effectiveFrom });
  await changes.update(admin, id('police'), {
    parentId: province.id,
    name: 'Đảng bộ Công an tỉnh Thái Nguyên',
    effectiveFrom,
  });
  await changes.merge(admin, id('committee'), { intoId: province.id, effectiveFrom });

  const now = new Map<string, OrganizationEntity>();
  for (const [key, org] of [...orgs, ['province', province], ['newWard', ward], ['newEducation', education]] as [
    string,
    OrganizationEntity,
  ][])
    now.set(key, (await organizations.findById(org.id))!);
  return now;
}
