import { describe, expect, it } from 'vitest';
import { BedError } from '../errors/BedError.js';
import { exitCodeFor } from '../errors/exitCodeFor.js';
import { guardPluginCode } from './guardPluginCode.js';

class Counter {
  #n = 0;
  readonly id = 'counter';
  bump(by: number): number {
    this.#n += by;
    return this.#n;
  }
  fail(): never {
    throw new Error('boom');
  }
  failConfig(): never {
    throw new BedError('invalidConfig', 'objective.options.tau: must be > 0');
  }
}

const label = { package: 'infobed-plugin-x', version: '1.2.3', what: 'objective "counter"' };

describe('guardPluginCode', () => {
  it('keeps methods working on the original object (private fields, this) and passes properties through', () => {
    const c = guardPluginCode(new Counter(), label, 0);
    expect(c.id).toBe('counter');
    expect(c.bump(2)).toBe(2);
    expect(c.bump(3)).toBe(5);
  });

  it('turns a plain throw into pluginError (exit 4) naming package, version, component and method', () => {
    const c = guardPluginCode(new Counter(), label, 0);
    let caught: unknown;
    try {
      c.fail();
    } catch (e) {
      caught = e;
    }
    expect(BedError.is(caught, 'pluginError')).toBe(true);
    expect((caught as Error).message).toMatch(/^plugin infobed-plugin-x 1\.2\.3 \(objective "counter"\): fail threw: boom/);
    expect(exitCodeFor(caught)).toBe(4);
  });

  it('lets BedErrors through unchanged and wraps what create() returns', () => {
    const factory = guardPluginCode({ id: 'counter', create: () => new Counter() }, label);
    const made = factory.create();
    expect(() => made.failConfig()).toThrow(/^objective\.options\.tau/);
    expect(() => made.fail()).toThrow(/fail threw: boom/);
  });
});
