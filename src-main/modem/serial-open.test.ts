import { describe, expect, it } from 'vitest';
import { describeOpenError, openSerialPort } from './serial-open';

describe('opening serial ports', () => {
  it('turns the errors people hit into advice', () => {
    const denied = describeOpenError(
      '/dev/ttyUSB0',
      Object.assign(new Error('Error: Permission denied, cannot open /dev/ttyUSB0'), { code: 'EACCES' }),
    );
    expect(denied.reason).toBe('permission-denied');
    if (process.platform === 'linux') expect(denied.userMessage).toContain('dialout');
    expect(
      describeOpenError('/dev/ttyUSB0', new Error('Error Resource temporarily unavailable Cannot lock port'))
        .reason,
    ).toBe('busy');
  });

  it('reports a missing device through the real binding as not found', async () => {
    await expect(openSerialPort({ path: '/dev/fanout-no-such-port' })).rejects.toMatchObject({
      reason: 'not-found',
      userMessage: expect.stringContaining('There is no port'),
    });
  });
});
