import type { ChatChannelType } from '../types.js';
import type { Markup } from './escape.js';

/** The markup each chat service reads its message text in. */
export const MARKUP: Record<ChatChannelType, Markup> = {
  slack: 'slack',
  teams: 'markdown',
  discord: 'markdown',
  mattermost: 'markdown',
  matrix: 'html',
  telegram: 'telegram',
  ntfy: 'plain',
};

// The built-in bodies: what happened and to whom, why (reasons name the regime and resolution),
// the evidence sentence, then the links. Title, categories and score already stand in the
// service's own header and fields where it has them (Slack, Teams, Discord, Mattermost).

const SLACK = `*{{categories}}*{{#who}} — {{who}}{{/who}}
{{#reasons}}• {{.}}
{{/reasons}}{{#evidence}}>{{{highlighted}}}
{{/evidence}}`;

const MARKDOWN = `**{{categories}}**{{#who}} — {{who}}{{/who}}
{{#reasons}}- {{.}}
{{/reasons}}{{#evidence}}> {{{highlighted}}}
{{/evidence}}
{{#link}}[Read the article]({{{link}}}){{/link}}{{#alertUrl}} · [Alert page]({{{alertUrl}}}){{/alertUrl}}`;

const TELEGRAM = `<b>{{title}}</b>
<i>{{categories}}</i> · score {{score}}{{#who}}
Who: {{who}}{{/who}}
{{#reasons}}• {{.}}
{{/reasons}}{{#evidence}}<blockquote>{{{highlighted}}}</blockquote>
{{/evidence}}{{feed}}{{#published}}, {{published}}{{/published}}
{{#link}}<a href="{{link}}">Read the article</a>{{/link}}{{#alertUrl}} · <a href="{{alertUrl}}">Alert page</a>{{/alertUrl}}`;

const MATRIX = `<p><strong>{{title}}</strong><br><em>{{categories}}</em> · score {{score}}{{#who}}<br>Who: {{who}}{{/who}}</p>
{{#reasons.length}}<ul>{{#reasons}}<li>{{.}}</li>{{/reasons}}</ul>{{/reasons.length}}
{{#evidence}}<blockquote>{{{highlighted}}}</blockquote>{{/evidence}}
<p>{{feed}}{{#published}}, {{published}}{{/published}}{{#link}} · <a href="{{link}}">Read the article</a>{{/link}}{{#alertUrl}} · <a href="{{alertUrl}}">Alert page</a>{{/alertUrl}}</p>`;

const PLAIN = `{{categories}}{{#who}} — {{who}}{{/who}}
{{#reasons}}• {{.}}
{{/reasons}}{{#evidence}}“{{{highlighted}}}”
{{/evidence}}{{feed}}{{#published}}, {{published}}{{/published}} · score {{score}}`;

/** The built-in template of each chat type. */
export const DEFAULT_TEMPLATES: Record<ChatChannelType, string> = {
  slack: SLACK,
  teams: MARKDOWN,
  discord: MARKDOWN,
  mattermost: MARKDOWN,
  matrix: MATRIX,
  telegram: TELEGRAM,
  ntfy: PLAIN,
};

/** Matrix also needs a plain `body` for clients that show no HTML. */
export const MATRIX_PLAIN = `{{title}}
${PLAIN}
{{#link}}{{{link}}}{{/link}}`;
