import { Alert } from 'antd';
import { ApiRequestError, vietnamese } from '../api/client';

/** What the server said, in Vietnamese: a refused rule with its citation, invalid fields with their messages. */
export function errorText(error: unknown): { title: string; lines: string[] } {
  if (!(error instanceof ApiRequestError)) return { title: 'Không kết nối được máy chủ, xin thử lại.', lines: [] };
  const { body, status } = error;
  switch (body.code) {
    case 'RULE_VIOLATION':
      return { title: vietnamese(body.message), lines: body.citation ? [`Căn cứ: ${String(body.citation)}`] : [] };
    case 'EVENT_NOT_ALLOWED':
      return { title: 'Bước này không còn được ghi nhận ở trạng thái hiện tại của hồ sơ.', lines: [] };
    case 'VERSION_CONFLICT':
      return { title: 'Hồ sơ vừa được người khác cập nhật. Đã tải lại; xin kiểm tra rồi ghi nhận lại.', lines: [] };
    case 'DUPLICATE_CANDIDATE':
      return { title: vietnamese(body.message), lines: [] };
    default: {
      const details = Array.isArray(body.details) ? (body.details as { path?: unknown; message?: string }[]) : [];
      const lines = details.map((detail) =>
        [Array.isArray(detail.path) ? detail.path.join('.') : detail.path, vietnamese(detail.message ?? '')]
          .filter(Boolean)
          .join(': '),
      );
      if (status === 403) return { title: 'Bạn không có quyền thực hiện việc này.', lines };
      if (status >= 500) return { title: 'Máy chủ gặp lỗi, xin thử lại sau.', lines };
      return { title: vietnamese(body.message), lines };
    }
  }
}

/** An error as an alert (`role="alert"`): screen readers announce it, tests find it. */
export function ErrorAlert({ error }: { error: unknown }) {
  if (!error) return null;
  const { title, lines } = errorText(error);
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={lines.length ? lines.map((line) => <div key={line}>{line}</div>) : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
