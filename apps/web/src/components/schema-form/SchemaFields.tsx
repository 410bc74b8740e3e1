import type { ReactNode } from 'react';
import { Button, Checkbox, Form, Input, InputNumber, Select, Typography } from 'antd';
import { DateField } from '../DateField';
import { kindOf, unwrap, type FieldSchema } from './json-schema';

type Path = (string | number)[];

export interface SchemaFieldsProps {
  schema: FieldSchema;
  /** Where the fields sit in the form's values (nested objects, list rows). */
  path?: Path;
  /** Properties not to render (an event's `type`, a date rendered elsewhere). */
  omit?: string[];
  /** A field rendered by the caller instead (a cell picker, a subject chooser), by property name. */
  custom?: Record<string, (props: { name: Path; label: string; required: boolean }) => ReactNode>;
}

const YES_NO = [
  { value: true, label: 'Có' },
  { value: false, label: 'Không' },
];

/** One form control per property of a JSON Schema, labelled with its Vietnamese title, in one column. */
export function SchemaFields({ schema, path = [], omit = [], custom = {} }: SchemaFieldsProps) {
  const required = new Set(schema.required ?? []);
  return (
    <>
      {Object.entries(schema.properties ?? {})
        .filter(([name]) => !omit.includes(name))
        .map(([name, field]) => (
          <SchemaField
            key={name}
            name={[...path, name]}
            schema={unwrap(field)}
            required={required.has(name)}
            custom={custom[name]}
          />
        ))}
    </>
  );
}

function SchemaField({
  name,
  schema,
  required,
  custom,
}: {
  name: Path;
  schema: FieldSchema;
  required: boolean;
  custom?: NonNullable<SchemaFieldsProps['custom']>[string];
}) {
  const label = schema.title ?? String(name[name.length - 1]);
  const requiredRule = { required, message: `Nhập ${label.toLowerCase()}` };
  if (custom) return <>{custom({ name, label, required })}</>;
  const kind = kindOf(schema);

  // A text with named categories (occupation) is chosen among them, as an enumeration is.
  const choices = schema.enum ?? (kind === 'string' && schema.optionLabels ? Object.keys(schema.optionLabels) : null);
  if (choices)
    return (
      <Form.Item name={name} label={label} rules={[requiredRule]} extra={schema.description}>
        <Select
          allowClear={!required}
          placeholder="Chọn"
          options={choices.map((value) => ({
            value,
            label: schema.optionLabels?.[String(value)] ?? String(value),
          }))}
        />
      </Form.Item>
    );
  if (kind === 'boolean')
    return required ? (
      <Form.Item name={name} label={label} rules={[{ required: true, message: `Chọn: ${label.toLowerCase()}` }]}>
        <Select placeholder="Chọn Có hoặc Không" options={YES_NO} />
      </Form.Item>
    ) : (
      <Form.Item name={name} valuePropName="checked">
        <Checkbox>{label}</Checkbox>
      </Form.Item>
    );
  if (kind === 'integer' || kind === 'number')
    return (
      <Form.Item name={name} label={label} rules={[requiredRule]} extra={schema.description}>
        <InputNumber
          min={schema.minimum}
          max={schema.maximum}
          precision={kind === 'integer' ? 0 : undefined}
          inputMode="numeric"
          style={{ width: '100%' }}
        />
      </Form.Item>
    );
  if (kind === 'string' && schema.format === 'date')
    return <DateField name={name} label={label} required={required} extra={schema.description} />;
  if (kind === 'array' && schema.items) return <ListField name={name} label={label} items={unwrap(schema.items)} />;
  if (kind === 'object')
    return (
      <fieldset style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', marginBottom: 16 }}>
        <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>
          {label}
          {!required && ' (nếu có)'}
        </legend>
        {/* An optional group's own required fields are required only once the group is filled: the server says so. */}
        <SchemaFields schema={required ? schema : { ...schema, required: [] }} path={name} />
      </fieldset>
    );
  return (
    <Form.Item
      name={name}
      label={label}
      rules={[
        requiredRule,
        { max: schema.maxLength, message: `Tối đa ${schema.maxLength} ký tự` },
        ...(schema.pattern
          ? [{ pattern: new RegExp(schema.pattern), message: schema.description ?? 'Không đúng định dạng' }]
          : []),
      ]}
      extra={schema.description}
    >
      {(schema.maxLength ?? 0) > 500 ? <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} /> : <Input />}
    </Form.Item>
  );
}

/** A list of rows (relatives): each row its own fields, added and removed by buttons. */
function ListField({ name, label, items }: { name: Path; label: string; items: FieldSchema }) {
  return (
    <fieldset style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', marginBottom: 16 }}>
      <legend style={{ fontSize: 14, width: 'auto', padding: '0 4px', margin: 0, border: 0 }}>{label}</legend>
      <Form.List name={name}>
        {(rows, { add, remove }) => (
          <>
            {rows.length === 0 && <Typography.Paragraph type="secondary">Chưa có ai.</Typography.Paragraph>}
            {rows.map((row, index) => (
              <div key={row.key} style={{ borderBottom: '1px dashed #e0e0e0', marginBottom: 12 }}>
                <Typography.Text strong>
                  {label} {index + 1}
                </Typography.Text>
                {kindOf(items) === 'object' ? (
                  <SchemaFields schema={items} path={[row.name]} />
                ) : (
                  <Form.Item name={[row.name]} label={`${label} ${index + 1}`}>
                    <Input />
                  </Form.Item>
                )}
                <Button danger type="link" onClick={() => remove(row.name)} style={{ paddingLeft: 0 }}>
                  Xóa {label.toLowerCase()} {index + 1}
                </Button>
              </div>
            ))}
            <Button onClick={() => add()} block>
              Thêm {label.toLowerCase()}
            </Button>
          </>
        )}
      </Form.List>
    </fieldset>
  );
}
