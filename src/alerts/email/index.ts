import { renderDigestSubject, renderSubject } from '../render.js';
import type { Alert } from '../types.js';
import { alertHtml, digestHtml } from './html.js';
import { alertText, digestText } from './text.js';
import { emailView } from './view.js';

export { emailView, readableDate, type EmailView } from './view.js';
export { MARK } from './html.js';

/** A rendered alert (or digest), ready for an e-mail. */
export interface RenderedMessage {
  subject: string;
  text: string;
  html: string;
}

/** What the e-mail may link to besides the article. */
export interface EmailRenderOptions {
  /** `http.publicUrl`: the e-mail links to `<publicUrl>/alerts/<id>`. @defaultValue no link */
  publicUrl?: string;
}

/** Subject, text and HTML of one alert's e-mail. */
export function renderAlert(alert: Alert, options: EmailRenderOptions = {}): RenderedMessage {
  const subject = renderSubject(alert);
  const view = emailView(alert, options.publicUrl);
  return { subject, text: alertText(view), html: alertHtml(subject, view) };
}

/** One e-mail gathering several alerts (a digest window). */
export function renderDigest(
  alerts: readonly Alert[],
  options: EmailRenderOptions = {},
): RenderedMessage {
  const subject = renderDigestSubject(alerts);
  const views = alerts.map((a) => emailView(a, options.publicUrl));
  return { subject, text: digestText(views), html: digestHtml(subject, views) };
}
