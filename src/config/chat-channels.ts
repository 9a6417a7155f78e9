import Mustache from 'mustache';
import { z } from 'zod';
import type { duration } from './schema.js';

/** The building blocks every channel schema shares, owned by schema.ts. */
export interface ChannelParts {
  name: z.ZodString;
  httpUrl: z.ZodEffects<z.ZodString, string, string>;
  /** A request timeout with its default. */
  timeout: z.ZodDefault<ReturnType<typeof duration>>;
}

/** A logic-less (Mustache) template for a chat channel's message; checked when the config loads. */
const template = z
  .string()
  .min(1)
  .superRefine((text, ctx) => {
    try {
      Mustache.parse(text);
    } catch (err) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `invalid template: ${(err as Error).message.split('\n')[0]}`,
      });
    }
  });

/** The schemas of the chat channel types (docs/alerts.md, "Chat channels"). */
export function chatChannelSchemas({ name, httpUrl, timeout }: ChannelParts) {
  const common = {
    name,
    /** Replaces the built-in message body; fields in docs/alerts.md. @defaultValue built-in */
    template: template.optional(),
    /** Whole-request timeout. @defaultValue 10s */
    timeout,
  };
  // Services addressed by one webhook URL, whose path is the secret.
  const byUrl = <T extends 'slack' | 'teams' | 'discord' | 'mattermost'>(type: T) =>
    z.object({ ...common, type: z.literal(type), url: httpUrl }).strict();
  const ntfy = z
    .object({
      ...common,
      type: z.literal('ntfy'),
      /** The topic URL, `https://ntfy.sh/<topic>`. */
      url: httpUrl,
      /** Access token of a protected topic. */
      token: z.string().min(1).optional(),
    })
    .strict();
  const telegram = z
    .object({
      ...common,
      type: z.literal('telegram'),
      /** Bot token from BotFather, through `${VAR}`; never logged. */
      token: z.string().min(1),
      /** Chat id (`-100123…`) or `@channelusername`. */
      chat: z.union([z.string().min(1), z.number().int()]).transform(String),
      /** @defaultValue https://api.telegram.org */
      apiUrl: httpUrl.default('https://api.telegram.org'),
    })
    .strict();
  const matrix = z
    .object({
      ...common,
      type: z.literal('matrix'),
      homeserver: httpUrl,
      room: z
        .string()
        .regex(
          /^![^:]+:.+$/,
          'a room id (!abc:example.org); an alias (#desk:…) cannot be posted to',
        ),
      /** Access token, through `${VAR}`; never logged. */
      token: z.string().min(1),
    })
    .strict();
  return [
    byUrl('slack'),
    byUrl('teams'),
    byUrl('discord'),
    byUrl('mattermost'),
    ntfy,
    telegram,
    matrix,
  ] as const;
}
