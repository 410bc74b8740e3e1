import { DatePicker, Form } from 'antd';
import type { Rule } from 'antd/es/form';
import type { Dayjs } from 'dayjs';
import { toDayjs, todayIso, TYPED_DATE_FORMATS } from '../format/dates';

interface DateFieldProps {
  name: string | (string | number)[];
  label: string;
  required?: boolean;
  /**
   * Dates after today are refused before sending (steps happen in the past or today), by the field's message: a
   * date the picker disabled would be dropped without a word when typed.
   */
  allowFuture?: boolean;
  extra?: string;
}

const isFuture = (value: string) => value > todayIso();

/**
 * A date as officials write it: shown dd/mm/yyyy, typed "15/3/2025" or "15/03/2025" or picked; held in the form as
 * the API's YYYY-MM-DD. Past dates are normal (paper dossiers are entered late).
 */
export function DateField({ name, label, required = true, allowFuture = false, extra }: DateFieldProps) {
  const rules: Rule[] = [
    { required, message: `Nhập ${label.toLowerCase()} (dd/mm/yyyy)` },
    {
      validator: async (_rule, value?: string) => {
        if (value && !allowFuture && isFuture(value)) throw new Error('Ngày không được sau hôm nay');
      },
    },
  ];
  return (
    <Form.Item
      name={name}
      label={label}
      rules={rules}
      extra={extra}
      getValueProps={(value?: string) => ({ value: toDayjs(value) })}
      normalize={(value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : undefined)}
    >
      <DatePicker format={TYPED_DATE_FORMATS} placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
    </Form.Item>
  );
}
