import { processInterrupt } from '@infobed/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installInterruptHandlers } from './signals.js';

describe(installInterruptHandlers, () => {
  let uninstall = (): void => undefined;
  afterEach(() => {
    uninstall();
    vi.restoreAllMocks();
    processInterrupt.clear();
  });

  it('while a loop polls: the first signal only asks it to stop; a second stops at once with 130', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const stopNow = vi.fn();
    uninstall = installInterruptHandlers({ stopNow });
    processInterrupt.lastPoll = performance.now(); // as Checkpointer.atStep does
    process.emit('SIGINT', 'SIGINT');
    expect(processInterrupt.requested).toBe('SIGINT');
    expect(stopNow).not.toHaveBeenCalled();
    expect(exit).not.toHaveBeenCalled();
    process.emit('SIGTERM', 'SIGTERM');
    expect(stopNow).toHaveBeenCalledWith('SIGTERM');
    expect(exit).toHaveBeenCalledWith(130);
  });

  it('with no checkpointing loop running, the first signal stops at once (message, exit 130)', () => {
    const exit = vi.spyOn(process, 'exit').mockImplementation((() => undefined) as never);
    const stopNow = vi.fn();
    uninstall = installInterruptHandlers({ stopNow });
    processInterrupt.lastPoll = performance.now() - 5000;
    process.emit('SIGTERM', 'SIGTERM');
    expect(stopNow).toHaveBeenCalledWith('SIGTERM');
    expect(exit).toHaveBeenCalledWith(130);
  });

  it('removes its listeners', () => {
    const before = process.listenerCount('SIGINT');
    const off = installInterruptHandlers();
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    off();
    expect(process.listenerCount('SIGINT')).toBe(before);
  });
});
