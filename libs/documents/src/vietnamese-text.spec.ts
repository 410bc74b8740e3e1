import { capitalise, dateInWords, percentOf, placeAndDate, upper, withoutDiacritics } from './vietnamese-text';

describe('Vietnamese text of party documents', () => {
  it('writes dates in words with a two-digit day and a two-digit January or February', () => {
    expect(dateInWords('2024-05-20')).toBe('ngày 20 tháng 5 năm 2024');
    expect(dateInWords('2024-06-05')).toBe('ngày 05 tháng 6 năm 2024');
    expect(dateInWords('2025-02-01')).toBe('ngày 01 tháng 02 năm 2025');
    expect(dateInWords('2025-12-31')).toBe('ngày 31 tháng 12 năm 2025');
    expect(capitalise(dateInWords('2024-10-09'))).toBe('Ngày 09 tháng 10 năm 2024');
  });

  it('puts the place before the date, or dots when the place is unknown', () => {
    expect(placeAndDate('Bắc Kạn', '2024-05-20')).toBe('Bắc Kạn, ngày 20 tháng 5 năm 2024');
    expect(placeAndDate(null, '2024-05-20')).toBe('……………, ngày 20 tháng 5 năm 2024');
  });

  it('writes percentages with a decimal comma and at most two decimals', () => {
    expect(percentOf(8, 11)).toBe('72,73%');
    expect(percentOf(2, 3)).toBe('66,67%');
    expect(percentOf(1, 8)).toBe('12,5%');
    expect(percentOf(9, 9)).toBe('100%');
    expect(percentOf(0, 7)).toBe('0%');
  });

  it('capitalises Vietnamese letters and folds them to ASCII', () => {
    expect(upper('Chi bộ Văn phòng Sở')).toBe('CHI BỘ VĂN PHÒNG SỞ');
    expect(upper('Đảng ủy Sở Giáo dục')).toBe('ĐẢNG ỦY SỞ GIÁO DỤC');
    expect(withoutDiacritics('Nguyễn Thị Hoa, 6-KNĐ, đảng')).toBe('Nguyen Thi Hoa, 6-KND, dang');
  });
});
