// The server address rules: one stored form per server, credentials never in a URL, and plain
// http:// only where nothing leaves the machine.
import { describe, expect, it } from 'vitest';
import { LatchError } from '../../shared/result';
import { gitHost, gitProtocol, isLoopbackHost, loopbackAddress, normalizeBaseUrl } from '../../shared/url';

const failure = (input: string) => {
  try {
    normalizeBaseUrl(input);
  } catch (error) {
    if (error instanceof LatchError) return { code: error.code, message: error.message };
  }
  throw new Error(`accepted ${input}`);
};

describe('normalizeBaseUrl', () => {
  it.each([
    ['  https://Bitbucket.Example.com/  ', 'https://bitbucket.example.com'],
    ['https://bitbucket.example.com:8443/bitbucket/', 'https://bitbucket.example.com:8443/bitbucket'],
    ['https://bitbucket.example.com:443/', 'https://bitbucket.example.com'],
    ['https://git.example.com/bitbucket/projects?x=1#top', 'https://git.example.com/bitbucket/projects'],
    ['http://127.0.0.1:7990', 'http://127.0.0.1:7990'],
    ['http://127.1.2.3:7990/ctx//', 'http://127.1.2.3:7990/ctx'],
    ['http://localhost:7990/', 'http://localhost:7990'],
    ['http://[::1]:7990', 'http://[::1]:7990'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeBaseUrl(input)).toBe(expected);
    expect(normalizeBaseUrl(expected)).toBe(expected);
  });

  it('refuses plain http:// to any other host and says to use https', () => {
    const { code, message } = failure('http://bitbucket.example.com:7990/bb');
    expect(code).toBe('insecure-url');
    expect(message).toContain('https://bitbucket.example.com:7990/bb');
    expect(failure('http://10.0.0.5').code).toBe('insecure-url');
    expect(failure('http://localhost.example.com').code).toBe('insecure-url');
  });

  it('refuses credentials in the address without repeating them', () => {
    const { code, message } = failure('https://jane:hunter2@bitbucket.example.com');
    expect(code).toBe('validation');
    expect(message).toMatch(/username and password/);
    expect(message).not.toContain('hunter2');
  });

  it('never echoes what was typed, in case it was a password in the wrong field', () => {
    for (const typed of ['correct horse battery staple', 'https://exa mple.com/hunter2']) {
      expect(failure(typed).message).not.toContain(typed.split(' ').pop());
    }
  });

  it.each(['', '   ', 'bitbucket.example.com', 'ftp://bitbucket.example.com', 'https://', 'https://exa mple.com'])(
    'refuses %j as not a server address',
    (input) => {
      expect(failure(input).code).toBe('validation');
    },
  );
});

describe('git host and protocol', () => {
  it('writes host[:port] as git does: lower case, port only when not the default', () => {
    expect(gitHost('https://Bitbucket.Example.com/bb')).toBe('bitbucket.example.com');
    expect(gitHost('https://bitbucket.example.com:443')).toBe('bitbucket.example.com');
    expect(gitHost('https://bitbucket.example.com:8443/bb')).toBe('bitbucket.example.com:8443');
    expect(gitHost('http://127.0.0.1:7990')).toBe('127.0.0.1:7990');
    expect(gitProtocol('http://127.0.0.1:7990')).toBe('http');
    expect(gitProtocol('https://bitbucket.example.com')).toBe('https');
  });

  it('knows loopback hosts', () => {
    expect(['127.0.0.1', '127.255.0.9', '::1', '[::1]', 'LOCALHOST'].every(isLoopbackHost)).toBe(true);
    expect(['128.0.0.1', '10.0.0.1', 'example.com', '::2'].some(isLoopbackHost)).toBe(false);
  });
});

describe('loopbackAddress', () => {
  it('names the address to connect to: literals as they are, localhost as 127.0.0.1, nothing else', () => {
    expect(loopbackAddress('127.0.0.1')).toBe('127.0.0.1');
    expect(loopbackAddress('127.8.9.10')).toBe('127.8.9.10');
    expect(loopbackAddress('[::1]')).toBe('[::1]');
    expect(loopbackAddress('LocalHost')).toBe('127.0.0.1');
    for (const other of ['localhost.', 'localhost.example.com', '128.0.0.1', '127.0.0.256', '::ffff:7f00:1', '0.0.0.0', 'example.com']) {
      expect(loopbackAddress(other)).toBeNull();
    }
  });
});
