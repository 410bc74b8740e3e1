import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Form, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiRequestError, vietnamese } from '../../api/client';
import { queryKeys, useOrganisations, useWorkflow } from '../../api/queries';
import type { DossierView } from '../../api/types';
import { flattenOrganisations } from '../../auth/session';
import { Loading } from '../../app/Loading';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/PageTitle';
import { withoutBlanks, type FieldSchema } from '../../components/schema-form/json-schema';
import { SchemaFields } from '../../components/schema-form/SchemaFields';

interface NewDossier {
  cellId: string;
  occurredOn: string;
  candidate: Record<string, unknown>;
}

/** A second open dossier for the same national ID: the server names the existing one when the user may see it. */
function Duplicate({ error }: { error: ApiRequestError }) {
  const dossierId = error.body.dossierId as string | undefined;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      title={vietnamese(error.body.message)}
      description={dossierId ? <Link to={`/ho-so/${dossierId}`}>Mở hồ sơ đã có của người này</Link> : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}

/** Tạo hồ sơ: who the candidate is (with the national ID), in which cell, from which day. */
export default function CreateDossierPage() {
  const workflow = useWorkflow();
  const organisations = useOrganisations();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const cells = flattenOrganisations(organisations.data ?? []).filter(
    (org) => org.kind === 'cell' || org.kind === 'grassrootsCell',
  );
  const create = useMutation({
    mutationFn: (values: NewDossier) => api<DossierView>('/dossiers', { body: withoutBlanks(values) }),
    onSuccess: (dossier) => {
      queryClient.setQueryData(queryKeys.dossier(dossier.id), dossier);
      void queryClient.invalidateQueries({ queryKey: queryKeys.dossiers });
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
      message.success(`Đã tạo hồ sơ ${dossier.candidate.fullName}`);
      navigate(`/ho-so/${dossier.id}`);
    },
  });
  if (!workflow.data || !organisations.data) return <Loading />;
  const candidate = (workflow.data.creation.schema as FieldSchema).properties?.candidate as FieldSchema;
  const duplicate = create.error instanceof ApiRequestError && create.error.code === 'DUPLICATE_CANDIDATE';

  return (
    <div style={{ maxWidth: 640 }}>
      <Link to="/ho-so">← Danh sách hồ sơ</Link>
      <PageTitle>Tạo hồ sơ</PageTitle>
      <Form<NewDossier>
        name="create-dossier"
        layout="vertical"
        size="large"
        requiredMark="optional"
        initialValues={{ cellId: cells.length === 1 ? cells[0].id : undefined, candidate: { youthUnionMember: false } }}
        onFinish={(values) => create.mutate(values)}
      >
        <Form.Item name="cellId" label="Chi bộ" rules={[{ required: true, message: 'Chọn chi bộ' }]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Chọn chi bộ"
            options={cells.map((cell) => ({ value: cell.id, label: cell.name }))}
          />
        </Form.Item>
        <DateField
          name="occurredOn"
          label="Ngày lập hồ sơ"
          extra="Ngày chi bộ xác định quần chúng ưu tú; hồ sơ giấy cũ: ngày trên hồ sơ"
        />
        <SchemaFields schema={candidate} path={['candidate']} />
        {duplicate ? <Duplicate error={create.error as ApiRequestError} /> : <ErrorAlert error={create.error} />}
        <Button type="primary" htmlType="submit" loading={create.isPending} block>
          Tạo hồ sơ
        </Button>
      </Form>
    </div>
  );
}
