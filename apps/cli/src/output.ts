/** Prints a clear message to stderr and exits with a non-zero code (2 = bad usage). */
export function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

/**
 * `stratum clv predict … | head`: when the reader closes the pipe early, writing to stdout fails with EPIPE.
 * That is the reader saying "enough", not an error: print nothing about it, let the command finish (so the
 * database is closed as usual) and exit 0 — later writes to the closed stdout go nowhere. Any other error
 * on stdout stays fatal. Installed once, for every command, by main.ts.
 */
export function ignoreBrokenPipe(stdout: NodeJS.EventEmitter = process.stdout): void {
  stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}
