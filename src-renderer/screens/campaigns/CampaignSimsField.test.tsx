// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModemSummary } from '../../../src-shared/api';
import { translate } from '../../i18n/use-translation';
import { usePreferencesStore } from '../../state/preferences-store';
import { CampaignSimsField } from './CampaignSimsField';
import { campaignSendingText } from './CampaignSendingSummary';
import type { SimChoice } from './campaign-sims';

const modem = (simId: number, label: string, overrides: Partial<ModemSummary> = {}): ModemSummary => ({
  simId,
  label,
  path: `/dev/ttyUSB${simId}`,
  state: 'ready',
  inService: true,
  problem: null,
  manufacturer: null,
  model: null,
  imei: null,
  operator: 'Vodafone.de',
  signalBars: 3,
  partsSent: 0,
  demo: false,
  sentToday: 0,
  limits: { perMinute: 30, perHour: null, perDay: null },
  pinRefused: null,
  balance: null,
  balanceCode: '*100#',
  ...overrides,
});
const modems = [modem(1, 'Office stick'), modem(2, 'Spare stick', { state: 'unplugged', operator: null })];

const choices: SimChoice[] = [];
function Harness() {
  const [choice, setChoice] = useState<SimChoice>({ mode: 'all', simIds: [] });
  const change = (next: SimChoice) => {
    choices.push(next);
    setChoice(next);
  };
  return <CampaignSimsField modems={modems} choice={choice} onChange={change} />;
}

beforeEach(() => usePreferencesStore.setState({ language: 'en' }));
afterEach(cleanup);

describe('CampaignSimsField', () => {
  it('starts at "all healthy modems" and lists every modem, explaining the one that cannot send', () => {
    render(<Harness />);
    expect((screen.getByRole('radio', { name: /All healthy modems/ }) as HTMLInputElement).checked).toBe(true);
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    const spare = screen.getByText('Spare stick').closest('li') as HTMLElement;
    expect(within(spare).getByText('Unplugged. It sends again once it is plugged in.')).toBeTruthy();
    expect(within(spare).getByText('Network not known yet')).toBeTruthy();
  });

  it('offers a checklist with the working modems ticked, and asks for one when none is', () => {
    render(<Harness />);
    fireEvent.click(screen.getByRole('radio', { name: /Only the modems I choose/ }));
    const office = screen.getByRole('checkbox', { name: /Office stick/ }) as HTMLInputElement;
    const spare = screen.getByRole('checkbox', { name: /Spare stick/ }) as HTMLInputElement;
    expect(office.checked).toBe(true);
    expect(spare.checked).toBe(false);
    const why = document.getElementById(spare.getAttribute('aria-describedby') ?? '');
    expect(why?.textContent).toBe('Unplugged. It sends again once it is plugged in.');
    expect(choices.at(-1)).toEqual({ mode: 'chosen', simIds: [1] });
    fireEvent.click(office);
    expect(choices.at(-1)).toEqual({ mode: 'chosen', simIds: [] });
    expect(screen.getByText('Choose at least one modem.')).toBeTruthy();
  });
});

describe('campaignSendingText', () => {
  const t = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) => translate('de', key, values);
  it('names the chosen SIMs and the limits, or says that all and their own limits apply', () => {
    expect(campaignSendingText({ simIds: [], limits: null }, modems, t)).toEqual({ sims: 'Alle funktionierenden Modems', limits: 'eigene Limits jeder SIM' });
    expect(campaignSendingText({ simIds: [1, 7], limits: { perMinute: 5, perHour: null, perDay: 200 } }, modems, t)).toEqual({
      sims: 'Modems: Office stick, SIM 7',
      limits: 'höchstens 5/Min., 200/Tag je SIM',
    });
  });
});
