import { BedError } from '../errors/BedError.js';

/** Who is behind an object, for messages: `plugin infobed-plugin-x 0.1.0 (objective "x")`. */
export interface PluginLabel {
  readonly package: string;
  readonly version: string;
  /** `objective "x"`, `critic "y"`, `simulator "z"`. */
  readonly what: string;
}

const wrapError = (label: PluginLabel, method: string, e: unknown): unknown => {
  if (BedError.is(e)) return e;
  const msg = e instanceof Error ? e.message : String(e);
  return new BedError(
    'pluginError',
    `plugin ${label.package} ${label.version} (${label.what}): ${method} threw: ${msg} (a bug in that plugin, not in InfoBED; report it to its authors)`,
    { cause: e },
  );
};

/**
 * Wraps third-party plugin code so that anything it throws that is not a `BedError` becomes
 * `BedError('pluginError')` naming the plugin, its version, the component and the method (exit 4),
 * instead of an anonymous internal error. Every method of `target` is wrapped; with `depth > 0`
 * objects returned by its methods (what `create` builds) are wrapped too. Methods run with the
 * original object as `this` (private fields keep working); properties pass through.
 */
export function guardPluginCode<T extends object>(target: T, label: PluginLabel, depth = 1): T {
  return new Proxy(target, {
    get(obj, prop) {
      const value = Reflect.get(obj, prop, obj) as unknown;
      if (typeof value !== 'function' || prop === 'constructor') return value;
      const method = String(prop);
      return (...args: unknown[]) => {
        let out: unknown;
        try {
          out = (value as (...a: unknown[]) => unknown).apply(obj, args);
        } catch (e) {
          throw wrapError(label, method, e);
        }
        return depth > 0 && typeof out === 'object' && out !== null && !Array.isArray(out) ? guardPluginCode(out, label, depth - 1) : out;
      };
    },
  });
}
