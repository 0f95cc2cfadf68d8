import { describe, expect, it } from 'vitest';
import { ignoreMonacoCancellation, isMonacoCancellation } from './ignore-cancellation.ts';

/** Monaco's CancellationError as monaco-editor 0.52 builds it (vs/base/common/errors.ts). */
function canceled(): Error {
  const e = new Error('Canceled');
  e.name = 'Canceled';
  return e;
}

describe("Monaco's cancellation errors", () => {
  it('are recognised by name and message only', () => {
    expect(isMonacoCancellation(canceled())).toBe(true);
    expect(isMonacoCancellation(new Error('Canceled'))).toBe(false);
    expect(isMonacoCancellation(Object.assign(new Error('Canceled: the request'), { name: 'Canceled' }))).toBe(false);
    expect(isMonacoCancellation('Canceled')).toBe(false);
  });

  it('are kept out of the console; any other rejection or error is left alone', () => {
    const target = new EventTarget();
    ignoreMonacoCancellation(target as unknown as Window);
    const rejection = (reason: unknown) => {
      const e = new Event('unhandledrejection', { cancelable: true }) as Event & { reason: unknown };
      e.reason = reason;
      target.dispatchEvent(e);
      return e.defaultPrevented;
    };
    const thrown = (error: unknown) => {
      const e = new Event('error', { cancelable: true }) as Event & { error: unknown };
      e.error = error;
      target.dispatchEvent(e);
      return e.defaultPrevented;
    };
    expect(rejection(canceled())).toBe(true);
    expect(thrown(canceled())).toBe(true);
    expect(rejection(new TypeError('x is undefined'))).toBe(false);
    expect(thrown(new Error('Canceled by the user'))).toBe(false);
  });
});
