import { Flex, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useSession } from '../../auth/session';
import { AdmissionsReport } from './AdmissionsReport';
import { ComplianceReport } from './ComplianceReport';
import { useReportFilters } from './report-filters';
import { useOrganisationOptions } from '../../shared/organisation-options';
import { ReportFiltersBar } from './ReportFiltersBar';

/** Báo cáo: admissions against the quota (with charts and exports) and the compliance report with its drill-down. */
export default function ReportsPage() {
  const { user, hasRole } = useSession();
  const [params, setParams] = useSearchParams();
  const [filters, change] = useReportFilters();
  const { options } = useOrganisationOptions();
  // An inspector comes for compliance; everyone else first for the admissions.
  const tab = params.get('tab') ?? (hasRole('inspector') ? 'compliance' : 'admissions');
  const orgId = filters.orgId ?? user?.scopeOrgId ?? (options[0]?.value as string | undefined);
  const scoped = orgId ? { ...filters, orgId } : null;
  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Typography.Title level={1} style={{ margin: 0 }}>
        Báo cáo
      </Typography.Title>
      <ReportFiltersBar filters={{ ...filters, orgId }} onChange={change} grouping={tab === 'admissions'} />
      <Tabs
        activeKey={tab}
        onChange={(key) =>
          setParams(
            (current) => {
              const next = new URLSearchParams(current);
              next.set('tab', key);
              return next;
            },
            { replace: true },
          )
        }
        items={[
          {
            key: 'admissions',
            label: 'Kết nạp so với chỉ tiêu',
            children: scoped && tab === 'admissions' ? <AdmissionsReport filters={scoped} /> : null,
          },
          {
            key: 'compliance',
            label: 'Kiểm tra thời hạn',
            children: scoped && tab === 'compliance' ? <ComplianceReport filters={scoped} /> : null,
          },
        ]}
      />
    </Flex>
  );
}
