// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModemSummary } from '../../../src-shared/api';
import type { ApiClient } from '../../api/client';
import { ApiProvider } from '../../app/api-context';
import { usePreferencesStore } from '../../state/preferences-store';
import { ModemCard } from './ModemCard';

// The card only calls the service when a button is pressed; these tests press none.
const unusedClient: ApiClient = {
  call: () => Promise.reject(new Error('not called in this test')),
  onEvent: () => () => undefined,
  upload: () => Promise.reject(new Error('not called in this test')),
  download: () => Promise.reject(new Error('not called in this test')),
};

const modem: ModemSummary = {
  simId: 1,
  label: 'SIM 1',
  path: '/dev/ttyUSB0',
  state: 'ready',
  inService: true,
  problem: null,
  manufacturer: 'SIMCOM',
  model: 'SIM800',
  imei: null,
  operator: 'Telekom.de',
  signalBars: 4,
  partsSent: 0,
  demo: false,
  sentToday: 0,
  limits: { perMinute: null, perHour: null, perDay: null },
  pinRefused: null,
  balance: null,
  balanceCode: '*100#',
};

beforeEach(() => usePreferencesStore.setState({ language: 'en' }));
afterEach(cleanup);

function renderCard(summary: ModemSummary) {
  render(
    <ApiProvider client={unusedClient}>
      <ModemCard modem={summary} smsPerMinute={null} onShowLog={() => undefined} onEnterPin={() => undefined} />
    </ApiProvider>,
  );
  return screen.getByTestId('modem-network');
}

describe('ModemCard network line', () => {
  it('shows signal bars and the operator of a registered modem', () => {
    const network = renderCard(modem);
    expect(network.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('Signal 4 of 5 bars');
    expect(network.textContent).toContain('Telekom.de');
  });

  it('shows no signal bars while the SIM waits for its PIN or PUK, and says to unlock it', () => {
    for (const state of ['pin-required', 'puk-required'] as const) {
      const network = renderCard({ ...modem, state, operator: null, signalBars: null });
      expect(network.querySelector('[role="img"]'), state).toBeNull();
      expect(network.textContent).toContain('Unlock the SIM first');
      expect(network.textContent).not.toContain('No network yet');
      cleanup();
    }
  });
});
