import { MetricsAccess, metricsAccessFrom } from './metrics-access';

describe('who may read /metrics', () => {
  const token = 'a'.repeat(40);

  it('is closed by default', () => {
    const access = new MetricsAccess(metricsAccessFrom({}));
    expect(access.allows(undefined, '127.0.0.1')).toBe(false);
    expect(access.allows(`Bearer ${token}`, '127.0.0.1')).toBe(false);
  });

  it('opens to its token and to the networks named', () => {
    const access = new MetricsAccess(
      metricsAccessFrom({ METRICS_TOKEN: token, METRICS_ALLOWED_NETWORKS: '10.1.0.0/16, ::1, 192.0.2.7' }),
    );
    expect(access.allows(`Bearer ${token}`, '203.0.113.1')).toBe(true);
    expect(access.allows(`Bearer ${token}x`, '203.0.113.1')).toBe(false);
    expect(access.allows(undefined, '10.1.200.3')).toBe(true);
    expect(access.allows(undefined, '::ffff:10.1.0.9')).toBe(true);
    expect(access.allows(undefined, '10.2.0.1')).toBe(false);
    expect(access.allows(undefined, '::1')).toBe(true);
    expect(access.allows(undefined, '192.0.2.7')).toBe(true);
    expect(access.allows(undefined, '192.0.2.8')).toBe(false);
  });

  it('refuses a short token or a malformed network at start', () => {
    expect(() => metricsAccessFrom({ METRICS_TOKEN: 'short' })).toThrow(/at least 32/);
    for (const network of ['10.0.0.0/33', 'intranet', '10.0.0/8'])
      expect(() => metricsAccessFrom({ METRICS_ALLOWED_NETWORKS: network })).toThrow(/METRICS_ALLOWED_NETWORKS/);
  });
});
