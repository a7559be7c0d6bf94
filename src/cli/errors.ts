/**
 * Exit codes and the error the commands raise for bad usage or bad input.
 */

export const EXIT_OK = 0;
/** Some query matched nothing / some device failed. */
export const EXIT_SOME_FAILED = 1;
/** Bad usage or bad input. */
export const EXIT_USAGE = 2;

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
  ) {
    super(message);
    this.name = "CliError";
  }
}
