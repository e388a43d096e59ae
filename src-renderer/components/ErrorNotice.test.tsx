// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../api/api-call-error';
import { usePreferencesStore } from '../state/preferences-store';
import { ErrorNotice } from './ErrorNotice';

beforeEach(() => usePreferencesStore.setState({ language: 'en' }));
afterEach(cleanup);

describe('ErrorNotice', () => {
  it('shows what to fix instead of the contract check sentence and field paths', () => {
    const error = new ApiCallError({
      code: 'bad-request',
      message: 'The request "settings.update" was refused because its details are not valid.',
      details: ['args.retentionDays: Keep message texts for at least 1 day, or choose to keep them.'],
    });
    render(<ErrorNotice error={error} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Please check what you entered');
    expect(alert.textContent).toContain('Correct it and try again');
    expect(alert.textContent).toContain('Keep message texts for at least 1 day');
    expect(alert.textContent).not.toContain('settings.update');
    expect(alert.textContent).not.toContain('args.');
  });

  it("keeps the service's own message and drops a detail that repeats it", () => {
    const error = new ApiCallError({
      code: 'bad-request',
      message: 'Quiet hours start and end at the same time.',
      details: ['settings.quietHours.end: Quiet hours start and end at the same time.'],
    });
    render(<ErrorNotice error={error} />);
    expect(screen.getByRole('alert').textContent).toBe('Please check what you enteredQuiet hours start and end at the same time.');
  });

  it('shows other failures as they are', () => {
    render(<ErrorNotice error={new ApiCallError({ code: 'unavailable', message: 'Fanout did not answer.' })} />);
    expect(screen.getByRole('alert').textContent).toBe('Something went wrongFanout did not answer.');
  });

  it("speaks German in a German window, with the service's English words below", () => {
    usePreferencesStore.setState({ language: 'de' });
    render(<ErrorNotice error={new ApiCallError({ code: 'conflict', message: 'This campaign is completed already; only a draft can be started.' })} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Etwas ist schiefgelaufen');
    expect(alert.textContent).toContain('Das geht im jetzigen Zustand nicht');
    expect(alert.textContent).toContain('Meldung von Fanout (englisch): This campaign is completed already');
  });
});
