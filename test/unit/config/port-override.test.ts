import { describe, expect, it } from 'vitest';
import { loadConfigFromText } from '../../../src/config/load.js';

const port = async (text: string, env: Record<string, string> = {}, portFlag?: string) =>
  (await loadConfigFromText(`watchlists: []\n${text}`, { env, portFlag })).http.port;

describe('http.port from start --port and SW_HTTP_PORT', () => {
  it('takes --port over SW_HTTP_PORT over the file', async () => {
    expect(await port('http: { port: 9100 }')).toBe(9100);
    expect(await port('http: { port: 9100 }', { SW_HTTP_PORT: '9201' })).toBe(9201);
    expect(await port('', { SW_HTTP_PORT: '9201' })).toBe(9201);
    expect(await port('http: { port: 9100 }', { SW_HTTP_PORT: '9201' }, '9302')).toBe(9302);
    expect(await port('http: { port: 9100 }', { SW_HTTP_PORT: '' })).toBe(9100);
  });

  it('names the source of a value that is not a port', async () => {
    await expect(port('', { SW_HTTP_PORT: 'http' })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringMatching(
        /: SW_HTTP_PORT: must be a port number 0–65535 \(got "http"\)$/,
      ) as unknown as string,
    });
    await expect(port('', {}, '70000')).rejects.toMatchObject({
      message: expect.stringMatching(/: --port: must be a port number/) as unknown as string,
    });
  });
});
