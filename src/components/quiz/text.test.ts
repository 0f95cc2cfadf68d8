import { describe, expect, it } from 'vitest';
import { parseInline, parseParagraphs } from './text.ts';

describe('parseInline', () => {
  it('splits code, bold and links out of the text', () => {
    expect(parseInline('Run `nslookup nginx` **inside** a pod, see [DNS](/lessons/stable-network-identity/).')).toEqual([
      { type: 'text', text: 'Run ' },
      { type: 'code', text: 'nslookup nginx' },
      { type: 'text', text: ' ' },
      { type: 'strong', text: 'inside' },
      { type: 'text', text: ' a pod, see ' },
      { type: 'link', text: 'DNS', href: '/lessons/stable-network-identity/' },
      { type: 'text', text: '.' },
    ]);
  });
  it('turns a link to anything but a page or http(s) into plain text', () => {
    expect(parseInline('[x](javascript:alert(1))')).toEqual([{ type: 'text', text: 'x' }, { type: 'text', text: ')' }]);
  });
  it('joins single line breaks with a space', () => {
    expect(parseInline('a\n  b')).toEqual([{ type: 'text', text: 'a b' }]);
  });
});

describe('parseParagraphs', () => {
  it('splits at blank lines', () => {
    expect(parseParagraphs('one\n\n two \n\n\n')).toEqual([[{ type: 'text', text: 'one' }], [{ type: 'text', text: 'two' }]]);
  });
});
