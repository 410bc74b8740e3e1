import { bodyOf, organisationOf, placeOf } from './organisation-names';

describe('names of the organisations a document prints', () => {
  it('names the organisation a committee leads', () => {
    expect(organisationOf('Thành ủy Bắc Kạn')).toBe('Đảng bộ thành phố Bắc Kạn');
    expect(organisationOf('Tỉnh uỷ Bắc Kạn')).toBe('Đảng bộ tỉnh Bắc Kạn');
    expect(organisationOf('Huyện ủy Ba Bể')).toBe('Đảng bộ huyện Ba Bể');
    expect(organisationOf('Đảng ủy Khối Doanh nghiệp')).toBe('Đảng bộ Khối Doanh nghiệp');
    expect(organisationOf('Ban Cán sự đảng')).toBe('Ban Cán sự đảng');
  });

  it('names the committee that leads a grassroots organisation', () => {
    expect(bodyOf('Đảng bộ Sở Giáo dục')).toBe('Đảng ủy Sở Giáo dục');
    expect(bodyOf('Chi bộ Văn phòng Sở')).toBe('Chi bộ Văn phòng Sở');
  });

  it('takes the place of the date line from the committee, and none from a name without a locality', () => {
    expect(placeOf('Thành ủy Bắc Kạn')).toBe('Bắc Kạn');
    expect(placeOf('Quận ủy Ba Đình')).toBe('Ba Đình');
    expect(placeOf('Đảng ủy Khối Doanh nghiệp')).toBeNull();
    expect(placeOf('Ban Cán sự đảng')).toBeNull();
  });
});
