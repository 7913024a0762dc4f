import { describe, expect, it } from 'vitest';
import { isTrustedSender, originOf, type SenderFacts } from './origin-checks';

const ORIGIN = 'app://instructeur';
const ours: SenderFacts = {
  senderId: 7,
  windowContentsId: 7,
  isMainFrame: true,
  frameUrl: 'app://instructeur/#/file',
};

describe('originOf', () => {
  it('tells custom-scheme origins apart, unlike URL.origin', () => {
    expect(new URL('app://instructeur/').origin).toBe(new URL('foo://autre/').origin);
    expect(originOf('app://instructeur/#/file')).toBe('app://instructeur');
    expect(originOf('foo://autre/')).toBe('foo://autre');
    expect(originOf('http://localhost:5173/x')).toBe('http://localhost:5173');
    expect(originOf('pas une adresse')).toBeNull();
  });
});

describe('IPC sender check', () => {
  it("trusts the main window's top frame on the app origin", () => {
    expect(isTrustedSender(ours, ORIGIN)).toBe(true);
  });

  it.each<[string, Partial<SenderFacts>]>([
    ['another web contents', { senderId: 8 }],
    ['a destroyed window', { windowContentsId: null }],
    ['an iframe', { isMainFrame: false }],
    ['a frame that navigated away', { frameUrl: 'https://example.org/' }],
    ['a look-alike origin', { frameUrl: 'app://instructeur.evil/' }],
    ['a file:// page', { frameUrl: 'file:///tmp/x.html' }],
    ['an unknown frame', { frameUrl: null }],
    ['an unparsable URL', { frameUrl: 'not a url' }],
  ])('refuses %s', (_name, change) => {
    expect(isTrustedSender({ ...ours, ...change }, ORIGIN)).toBe(false);
  });

  it('accepts the development server origin when that is the app origin', () => {
    const dev = { ...ours, frameUrl: 'http://localhost:5173/#/file' };
    expect(isTrustedSender(dev, 'http://localhost:5173')).toBe(true);
    expect(isTrustedSender(dev, ORIGIN)).toBe(false);
  });
});
