// After a run: is a secret anywhere it must not be? Files are read as bytes and searched for the
// secret's UTF-8 and UTF-16 forms (Chromium keeps some stores in UTF-16).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function filesContaining(dir: string, secret: string): string[] {
  const needles = [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le')];
  const found: string[] = [];
  const walk = (path: string) => {
    let info;
    try {
      info = statSync(path);
    } catch {
      return; // vanished while we looked (Chromium's temp files)
    }
    if (info.isDirectory()) {
      for (const entry of readdirSync(path)) walk(join(path, entry));
      return;
    }
    if (!info.isFile()) return;
    const bytes = readFileSync(path);
    if (needles.some((needle) => bytes.includes(needle))) found.push(path);
  };
  walk(dir);
  return found;
}

/** Collects what this process writes to stdout/stderr and the console while a run is under way. */
export function captureOutput(): { text(): string; stop(): void } {
  const chunks: string[] = [];
  const restore: Array<() => void> = [];
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restore.push(() => {
      stream.write = original;
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      chunks.push(args.map(String).join(' '));
      original(...args);
    };
    restore.push(() => {
      console[method] = original;
    });
  }
  return { text: () => chunks.join('\n'), stop: () => restore.forEach((undo) => undo()) };
}
