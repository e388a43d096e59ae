import { afterAll, describe, expect, it } from 'vitest';
import { appSettingKeys } from './app-settings';
import { createTestService } from './test-service';

const service = createTestService();
afterAll(() => service.close());
const context = { transport: 'test' } as const;

describe('settings handlers', () => {
  it('answers defaults, the built-in STOP words and the known countries', async () => {
    const envelope = await service.call('settings.get', {}, context);
    expect(envelope).toMatchObject({
      ok: true,
      value: { settings: { defaultCountry: 'DE', currency: 'EUR', retentionDays: null } },
    });
    if (!envelope.ok) return;
    const value = envelope.value as {
      builtInStopKeywords: string[];
      countries: { code: string; callingCode: string }[];
    };
    expect(value.builtInStopKeywords).toEqual(expect.arrayContaining(['STOP', 'ABMELDEN', '退订']));
    expect(value.countries).toContainEqual({ code: 'CH', callingCode: '41' });
  });

  it('saves a partial change, keeps the rest, and drops repeated or built-in STOP words', async () => {
    const envelope = await service.call(
      'settings.update',
      {
        defaultCountry: 'AT',
        stopKeywords: ['Ende', 'ENDE', 'stop', 'Raus'],
        pricePerPart: 0.075,
        retentionDays: 90,
      },
      context,
    );
    expect(envelope).toMatchObject({
      ok: true,
      value: {
        settings: {
          defaultCountry: 'AT',
          stopKeywords: ['Ende', 'Raus'],
          pricePerPart: 0.075,
          retentionDays: 90,
          currency: 'EUR',
        },
      },
    });
    // Stored one key per setting, where the engine and the retention job read them.
    expect(service.store.settings.get(appSettingKeys.stopKeywords)).toEqual(['Ende', 'Raus']);
    const again = await service.call('settings.get', {}, context);
    expect(again).toMatchObject({
      ok: true,
      value: { settings: { defaultCountry: 'AT', retentionDays: 90 } },
    });
  });

  it.each([
    [{ defaultCountry: 'XX' }, 'does not know the country code "XX"'],
    [{ defaultCountry: 'germany' }, 'Choose a country from the list'],
    [{ pricePerPart: -1 }, 'cannot be negative'],
    [{ retentionDays: 0 }, 'at least 1 day'],
    [{ retentionDays: 2.5 }, 'whole number of days'],
    [{ quietHours: { enabled: true, start: '25:00', end: '08:00' } }, 'time of day like 21:00'],
    [{ quietHours: { enabled: true, start: '08:00', end: '08:00' } }, 'start and end at the same time'],
    [{ stopKeywords: ['bitte aufhören'] }, 'single word'],
    [{ currency: 'euro' }, 'currency from the list'],
  ])('refuses %j with a message that says what to do', async (change, expected) => {
    const envelope = await service.call('settings.update', change, context);
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('bad-request');
    expect([envelope.error.message, ...(envelope.error.details ?? [])].join('\n')).toContain(expected);
  });

  it('marks the end of quiet hours that start and end together as the refused field, for the window to word', async () => {
    const envelope = await service.call('settings.update', { marketingQuietHours: { enabled: true, start: '21:00', end: '21:00' } }, context);
    if (envelope.ok) throw new Error('accepted equal quiet hours');
    expect(envelope.error.issues).toEqual([expect.objectContaining({ path: ['marketingQuietHours', 'end'], kind: 'custom' })]);
  });

  it('lets quiet hours with equal times through when they are switched off', async () => {
    const envelope = await service.call(
      'settings.update',
      { quietHours: { enabled: false, start: '08:00', end: '08:00' } },
      context,
    );
    expect(envelope).toMatchObject({ ok: true, value: { settings: { quietHours: { enabled: false } } } });
  });
});
