import { gitHost } from '../../shared/url';

/** "bitbucket.example.com:8443" from a stored base URL; the URL itself if it cannot be read. */
export function displayHost(baseUrl: string): string {
  try {
    return gitHost(baseUrl);
  } catch {
    return baseUrl;
  }
}
