import { foldForSearch, searchTextOf } from './search-text';

describe('foldForSearch', () => {
  it.each([
    ['Nguyễn Văn A', 'nguyen van a'],
    ['ĐINH THỊ PHƯỢNG', 'dinh thi phuong'],
    ['Đặng  Hữu\tĐức', 'dang huu duc'],
    ['Lò Văn Páo', 'lo van pao'],
  ])('folds %s to %s', (input, folded) => {
    expect(foldForSearch(input)).toBe(folded);
  });

  it('gives the same text for a name typed precomposed (NFC) or decomposed (NFD)', () => {
    const name = 'Nguyễn Thị Hoà';
    expect(name.normalize('NFC')).not.toBe(name.normalize('NFD'));
    expect(foldForSearch(name.normalize('NFD'))).toBe(foldForSearch(name.normalize('NFC')));
    expect(foldForSearch(name.normalize('NFD'))).toBe('nguyen thi hoa');
  });
});

describe('searchTextOf', () => {
  it('joins the folded parts and skips missing ones', () => {
    expect(searchTextOf(['Trần Văn Bình', '001203004567'])).toBe('tran van binh | 001203004567');
    expect(searchTextOf(['Trần Văn Bình', null])).toBe('tran van binh');
  });
});
