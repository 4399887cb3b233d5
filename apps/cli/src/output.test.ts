import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { ignoreBrokenPipe } from './output.ts';

const error = (code: string) => Object.assign(new Error(`write ${code}`), { code, syscall: 'write' });

describe('stdout closed by the reader', () => {
  it('ignores EPIPE and keeps other errors fatal', () => {
    const stdout = new EventEmitter();
    // Without the handler an 'error' event with no listener throws (the stack trace users saw).
    expect(() => stdout.emit('error', error('EPIPE'))).toThrow('EPIPE');
    ignoreBrokenPipe(stdout);
    expect(() => stdout.emit('error', error('EPIPE'))).not.toThrow();
    expect(() => stdout.emit('error', error('EIO'))).toThrow('write EIO');
  });
});
