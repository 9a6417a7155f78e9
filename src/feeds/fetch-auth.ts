/** The URL without `user:password@`; unparseable text comes back as it is. */
export function withoutUserinfo(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password) return url;
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return url;
  }
}

/** The credentials a feed sends, and to which requests. */
export interface FeedCredentials {
  /** The headers to add to a request for `url`: none unless it has the configured origin. */
  headersFor(url: string): Record<string, string>;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * A feed's credentials: the configured URL's userinfo as Basic auth (percent-decoded, as a
 * browser does) and the configured extra headers, of which an `authorization` one wins. They go to
 * the configured URL's origin only, as fetch() does on a cross-origin redirect: a feed host
 * redirecting elsewhere must not learn the password or token it was given for itself.
 */
export function credentialsFor(
  configuredUrl: string,
  extra: Readonly<Record<string, string>> = {},
): FeedCredentials {
  const origin = originOf(configuredUrl);
  const headers: Record<string, string> = {};
  try {
    const u = new URL(configuredUrl);
    if (u.username || u.password) {
      const pair = `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`;
      headers.authorization = `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
    }
  } catch {
    // An unparseable URL fails at the request, with its own error.
  }
  for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value;
  return {
    headersFor: (url) => (origin !== undefined && originOf(url) === origin ? headers : {}),
  };
}
