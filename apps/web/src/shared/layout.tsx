import { Grid, Typography } from 'antd';

/** Below antd's `md` breakpoint: drawers take the whole screen, tables drop their secondary columns. */
export const usePhone = () => !(Grid.useBreakpoint().md ?? true);

/** A table's empty state, in the body text colour (antd's own grey fails contrast AA). */
export const emptyText = (text: string) => ({ emptyText: <Typography.Text type="secondary">{text}</Typography.Text> });

/** Tag colours dark enough for white text at contrast AA (antd's light presets are not). */
export const TAG_COLORS = {
  green: '#1e6b34',
  blue: '#1f4e79',
  orange: '#8a4b00',
  red: '#a8071a',
  gold: '#7a5c00',
} as const;
