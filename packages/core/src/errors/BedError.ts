/**
 * Every failure InfoBED reports to a user is a `BedError` with a `kind`. The CLI maps kinds to
 * exit codes (`exitCodeFor`); programs branch on `kind` with `BedError.is(e, 'numerical')`.
 */
export type BedErrorKind =
  | 'invalidConfig'
  | 'invalidArgument'
  | 'shapeMismatch'
  | 'numerical'
  | 'unknownPlugin'
  | 'pluginLoad'
  | 'interrupted'
  /** Third-party plugin code threw (the message names the plugin, its package and the method). */
  | 'pluginError'
  | 'internal';

const BRAND = Symbol.for('@infobed/core/BedError');

export class BedError extends Error {
  readonly [BRAND] = true;
  override readonly name = 'BedError';

  /**
   * @param kind what went wrong, for programs and exit codes.
   * @param message one sentence that starts with the component or field, states expected vs
   *   actual, and ends with the fix when one is known.
   */
  constructor(
    readonly kind: BedErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Brand check, not `instanceof`: survives two copies of core in one process. */
  static is(value: unknown, kind?: BedErrorKind): value is BedError {
    return (
      typeof value === 'object' &&
      value !== null &&
      BRAND in value &&
      (kind === undefined || (value as BedError).kind === kind)
    );
  }
}
