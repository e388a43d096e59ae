import { describe, expect, it } from 'vitest';
import { createStopWordMatcher, DEFAULT_STOP_WORDS } from './stop-words';

describe('stop replies', () => {
  const matcher = createStopWordMatcher(['Raus']);

  it('accepts each default word and configured word after trimming and case folding', () => {
    for (const reply of ['STOP', 'stop', ' Stop\n', 'Stopp', 'abmelden', 'UnSubscribe', '退订', ' 退订 ', 'raus', 'ＳＴＯＰ', 'Arrêt', 'baja']) {
      expect(matcher.isStopReply(reply), reply).toBe(true);
    }
  });

  it('ignores near misses and other text', () => {
    for (const reply of ['stop please', 'Stopp!!', 'STOPPING', 'nicht abmelden', '', '   ', 'Danke', 'START', 'HELP']) {
      expect(matcher.isStopReply(reply), reply).toBe(false);
    }
  });

  it('has only the defaults without configuration', () => {
    expect(createStopWordMatcher().isStopReply('raus')).toBe(false);
    expect(createStopWordMatcher(['  ']).isStopReply('')).toBe(false);
    expect(DEFAULT_STOP_WORDS.filter((word) => word === 'STOP')).toHaveLength(1);
  });
});
