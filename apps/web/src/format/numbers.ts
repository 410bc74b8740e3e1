/** Numbers as Vietnamese readers write them: 1.234 and 155,6%. */
const integer = new Intl.NumberFormat('vi-VN');
const percent = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const formatNumber = (value: number) => integer.format(value);
export const formatPercent = (value: number) => `${percent.format(value)}%`;

/** Vietnamese collation, for sorting names as a reader expects (Đ after D, tones in their order). */
export const compareVietnamese = new Intl.Collator('vi').compare;
