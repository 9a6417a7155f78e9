import { describe, expect, it } from 'vitest';
import { isSecretParam, redactText, redactUrl, urlHasSecrets } from '../../../src/logger.js';

describe('redactUrl', () => {
  it('masks the password and secret-named query parameters', () => {
    expect(redactUrl('https://desk:hunter2@news.test/feed?token=abc&page=2')).toBe(
      'https://desk:***@news.test/feed?token=***&page=2',
    );
    for (const name of [
      'key',
      'apikey',
      'api_key',
      'API-Key',
      'password',
      'sig',
      'signature',
      'access_token',
      'private_token',
      'client_secret',
    ]) {
      expect(redactUrl(`https://news.test/f?${name}=s3cr3t`), name).not.toContain('s3cr3t');
    }
  });

  it('leaves a URL without secrets byte for byte', () => {
    const url = 'https://news.test/f?q=a+b&monkey=1&keyword=x';
    expect(redactUrl(url)).toBe(url);
    expect(urlHasSecrets(url)).toBe(false);
    expect(isSecretParam('keyword')).toBe(false);
  });

  it('redacts every URL in free text and keeps trailing punctuation', () => {
    expect(
      redactText('https://u:pw@a.test/f?sig=zz: HTTP 404 (then http://b.test/?token=t1).'),
    ).toBe('https://u:***@a.test/f?sig=***: HTTP 404 (then http://b.test/?token=***).');
  });
});
