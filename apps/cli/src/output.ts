/** Prints a clear message to stderr and exits with a non-zero code (2 = bad usage). */
export function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}
