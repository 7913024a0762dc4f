import { describe, expect, it } from 'vitest';
import { plainText } from './paragraphs';

describe('plainText', () => {
  it('separates paragraphs with a blank line and keeps their line breaks', () => {
    expect(plainText([{ text: 'a\nb' }, { text: 'c' }])).toBe('a\nb\n\nc');
  });

  it('prints a bare address once and a labelled link as « label <address> »', () => {
    expect(plainText([{ text: 'https://x.test', href: 'https://x.test' }])).toBe('https://x.test');
    expect(plainText([{ text: 'Se connecter', href: 'https://x.test' }])).toBe(
      'Se connecter <https://x.test>',
    );
  });
});
