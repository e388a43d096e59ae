import { describe, expect, it } from 'vitest';
import { createStopWordMatcher } from './stop-words';

describe('stop replies', () => {
  const matcher = createStopWordMatcher(['Austragen']);

  it('accepts each default word and configured word after trimming and case folding', () => {
    for (const reply of ['STOP', 'stop', ' Stop\n', 'Stopp', 'abmelden', 'UnSubscribe', '退订', ' 退订 ', 'austragen', 'ＳＴＯＰ']) {
      expect(matcher.isStopReply(reply), reply).toBe(true);
    }
  });

  it('ignores near misses and other text', () => {
    for (const reply of ['stop please', 'Stopp!!', 'STOPPING', 'nicht abmelden', '', '   ', 'Danke', 'START']) {
      expect(matcher.isStopReply(reply), reply).toBe(false);
    }
  });

  it('has only the defaults without configuration', () => {
    expect(createStopWordMatcher().isStopReply('austragen')).toBe(false);
    expect(createStopWordMatcher(['  ']).isStopReply('')).toBe(false);
  });
});
