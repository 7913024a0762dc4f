import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempFiles } from '../../../../db/testing/temp-dir';
import { createBackgroundFlush } from './background-flush';

const temp = useTempFiles();

describe('flushing a file while it is written', () => {
  it('starts a flush once enough bytes wait, never two at once, and counts them', async () => {
    const file = join(temp.dir(), 'part');
    writeFileSync(file, Buffer.alloc(10_000, 1));
    const flush = createBackgroundFlush(file, 4096);
    flush.wrote(4095);
    expect(flush.started).toBe(0);
    flush.wrote(1);
    expect(flush.started).toBe(1);
    // One is running: the bytes written meanwhile wait for the next.
    flush.wrote(8192);
    expect(flush.started).toBe(1);
    expect(await flush.settle()).toBeNull();

    appendFileSync(file, Buffer.alloc(5000, 2));
    flush.wrote(5000);
    expect(flush.started).toBe(2);
    expect(await flush.settle()).toBeNull();
  });

  it('reports the first failure at settle and starts nothing after it', async () => {
    const flush = createBackgroundFlush(join(temp.dir(), 'absent'), 10);
    flush.wrote(10);
    expect(await flush.settle()).toEqual(expect.objectContaining({ code: 'ENOENT' }));
    flush.wrote(100);
    expect(flush.started).toBe(1);
    expect(await flush.settle()).toEqual(expect.objectContaining({ code: 'ENOENT' }));
  });

  it('settles at once when nothing was flushed', async () => {
    const flush = createBackgroundFlush(join(temp.dir(), 'never-opened'), 1 << 20);
    flush.wrote(100);
    expect(await flush.settle()).toBeNull();
    expect(flush.started).toBe(0);
  });

  it('refuses a threshold that is not a positive whole number of bytes', () => {
    for (const bad of [0, -1, 1.5, Number.NaN])
      expect(() => createBackgroundFlush('x', bad)).toThrow(RangeError);
  });
});
