// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { usePreferencesStore } from '../../state/preferences-store';
import { MessageCounter } from './MessageCounter';
import { UnicodeWarning } from './UnicodeWarning';

beforeEach(() => usePreferencesStore.setState({ language: 'en' }));
afterEach(cleanup);

function counter(text: string) {
  render(<MessageCounter text={text} sampleFor={null} />);
  return {
    encoding: screen.getByTestId('counter-encoding').textContent,
    parts: screen.getByTestId('counter-parts').textContent,
    left: screen.getByTestId('counter-left').textContent,
  };
}

describe('MessageCounter', () => {
  it('shows a plain GSM message in one SMS with the room left', () => {
    expect(counter('Hallo Anna, Ihr Termin ist morgen.')).toEqual({
      encoding: 'Standard characters',
      parts: '1 SMS',
      left: '126 characters left in this SMS',
    });
  });

  it('switches to two parts of 153 one character past 160', () => {
    expect(counter('a'.repeat(160))).toMatchObject({ parts: '1 SMS', left: '0 characters left in this SMS' });
    cleanup();
    expect(counter('a'.repeat(161))).toMatchObject({ parts: '2 SMS', left: '145 characters left in this SMS' });
  });

  it('counts extension characters such as € as two', () => {
    expect(counter('€'.repeat(80))).toMatchObject({ encoding: 'Standard characters', parts: '1 SMS', left: '0 characters left in this SMS' });
    cleanup();
    expect(counter('€'.repeat(81))).toMatchObject({ parts: '2 SMS' });
  });

  it('says Unicode for an emoji, which counts as two of 70', () => {
    expect(counter('Hallo 😀')).toEqual({ encoding: 'Unicode (special characters)', parts: '1 SMS', left: '62 characters left in this SMS' });
    cleanup();
    // 71 UTF-16 units: two concatenated parts of 67.
    expect(counter(`${'a'.repeat(69)}😀`)).toMatchObject({ parts: '2 SMS', left: '63 characters left in this SMS' });
  });

  it('follows the chosen language', () => {
    usePreferencesStore.setState({ language: 'de' });
    expect(counter('Grüße 😀')).toMatchObject({ encoding: 'Unicode (Sonderzeichen)', parts: '1 SMS', left: 'Noch 62 Zeichen in dieser SMS' });
  });
});

describe('UnicodeWarning', () => {
  it('stays away while the message fits the standard alphabet', () => {
    const { container } = render(<UnicodeWarning template="Grüße aus Köln" onReplace={() => undefined} />);
    expect(container.innerHTML).toBe('');
  });

  it('names the characters that force Unicode and replaces only those with a look-alike, on request', () => {
    const onReplace = vi.fn();
    render(<UnicodeWarning template="Hallo „Welt“ – bis bald 😀" onReplace={onReplace} />);
    const warning = screen.getByTestId('unicode-warning');
    for (const char of ['„', '“', '–', '😀']) expect(warning.textContent).toContain(char);
    expect(warning.textContent).toContain('😀 has no plain replacement');
    fireEvent.click(screen.getByRole('button', { name: /Replace with plain characters/ }));
    expect(onReplace).toHaveBeenCalledWith('Hallo "Welt" - bis bald 😀');
  });
});
